/**
 * The library face: `connect(name)` typed from the generated action maps, and a Connector that also hands out its
 * agent tools. It composes the runtime with the agent face (through its index), so the runtime never imports a face.
 */
import { createDescribeTool, createExecuteTool, createRunTool, type AgentTool, type RunToolOptions, type ToolOptions } from "./agent/index.js";
import type { ConnectorTypes } from "./generated/index.js";
import type { Manifest } from "./manifest/types.js";
import { runCode } from "./runtime/code/run.js";
import type { ConnectorRunOptions, RunResult } from "./runtime/code/types.js";
import { Connector as RuntimeConnector, type ConnectOptions } from "./runtime/connector.js";
import type { ActionMap, UntypedActions } from "./runtime/typed-actions.js";

export class Connector<M extends ActionMap = UntypedActions> extends RuntimeConnector<M> {
  /**
   * Code mode: runs `code` (the body of an async function) in a WebAssembly sandbox with this connector as a global
   * (`harvest.time_entries.list(...)`), and resolves with what it returns, its console lines, calls, cost and time.
   * Throws what ended it: a ScriptError, a LimitError, or a call's error it did not catch.
   */
  run<T = unknown>(code: string, options: ConnectorRunOptions = {}): Promise<RunResult<T>> {
    const { allow, readOnly, connectors = [], ...rest } = options;
    return runCode<T>([this.withScope({ allow, readOnly }), ...connectors], code, rest);
  }

  /** The single agent tool, `<name>_execute`, optionally narrowed to some actions. */
  tool(options?: ToolOptions): AgentTool {
    return createExecuteTool(this, options);
  }

  /** `<name>_run`: code mode as an agent tool; its description declares the API in TypeScript. */
  runTool(options?: RunToolOptions): AgentTool {
    return createRunTool(this, options);
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
