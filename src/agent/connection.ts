/** Which connection a tool call runs on: the tool's own, or a host's (one user's credentials) held to the tool's scope too. */
import type { AnyConnector } from "../runtime/connector.js";

/** Narrows each host connection once (not per call); refuses one to another connector. */
export function callConnections(toolName: string, scoped: AnyConnector): (given: AnyConnector | undefined) => AnyConnector {
  const narrowings = new WeakMap<AnyConnector, AnyConnector>();
  return (given) => {
    if (!given) return scoped;
    let found = narrowings.get(given);
    if (!found) {
      if (given.manifest !== scoped.manifest) throw new TypeError(`${toolName} cannot run a call on a ${given.name} connection`);
      narrowings.set(given, (found = given.withScope(...scoped.scopes)));
    }
    return found;
  };
}
