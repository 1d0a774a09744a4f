/**
 * The library face: `connect(name)` typed from the generated action maps, and a Connector that also hands out its
 * agent tools. It composes the runtime with the agent face (through its index), so the runtime never imports a face.
 */
import { createDescribeTool, createExecuteTool, type AgentTool, type ToolOptions } from "./agent/index.js";
import type { ConnectorTypes } from "./generated/index.js";
import type { Manifest } from "./manifest/types.js";
import { Connector as RuntimeConnector, type ConnectOptions } from "./runtime/connector.js";
import type { ActionMap, UntypedActions } from "./runtime/typed-actions.js";

export class Connector<M extends ActionMap = UntypedActions> extends RuntimeConnector<M> {
  /** The single agent tool, `<name>_execute`, optionally narrowed to some actions. */
  tool(options?: ToolOptions): AgentTool {
    return createExecuteTool(this, options);
  }

  /** `<name>_describe`: an entity's full params schemas for agents that ask for them. */
  describeTool(options?: Pick<ToolOptions, "allow" | "readOnly">): AgentTool {
    return createDescribeTool(this, options);
  }
}

/** A Connector for a bundled connector by name (typed from src/generated), or a manifest object you loaded yourself. */
export function connect<N extends keyof ConnectorTypes>(connector: N, options?: ConnectOptions): Connector<ConnectorTypes[N]>;
export function connect(connector: string | Manifest, options?: ConnectOptions): Connector;
export function connect(connector: string | Manifest, options: ConnectOptions = {}): Connector {
  return new Connector(connector, options);
}
