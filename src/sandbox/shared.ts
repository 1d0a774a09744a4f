/**
 * connect(name, { sandbox: true }): one sandbox per connector per process, answering inside the process through
 * an msw-backed undici Dispatcher (no socket, no port), with its fixed credentials. The runtime's one seam here.
 */
import type { Dispatcher } from "undici";
import { mockDispatcher } from "./msw/dispatcher.js";
import { createSandbox, sandboxCredentials, sandboxDefinition, sandboxNames, type Sandbox, type SandboxCredentials, type SandboxOf } from "./registry.js";

export { sandboxNames };

export interface InProcessSandbox<S extends Sandbox = Sandbox> {
  dispatcher: Dispatcher;
  credentials: SandboxCredentials;
  /** Its state and controls (stats, reset ...). */
  sandbox: S;
}

const shared = new Map<string, InProcessSandbox>();

/** The process's sandbox for the connector, started on first use; undefined when no sandbox simulates it. */
export function sharedSandbox<N extends string>(name: N): InProcessSandbox<SandboxOf<N>> | undefined {
  if (!shared.has(name) && sandboxDefinition(name)) {
    const sandbox = createSandbox(name);
    shared.set(name, { dispatcher: mockDispatcher(sandbox.handlers), credentials: sandboxCredentials(name), sandbox });
  }
  return shared.get(name) as InProcessSandbox<SandboxOf<N>> | undefined;
}
