/** Code mode's options and outcomes: what a caller gives run() and gets back. */
import type { ConnectorError } from "../../errors.js";
import type { AnyConnector } from "../connector.js";
import type { Scope } from "../scope.js";

/** What runScript() takes: the limits, and how the host hears and finds things. */
export interface RunOptions {
  /** Wall time in ms, waits for the API included (default 30,000); the VM is interrupted when it passes. */
  timeout?: number;
  /** Memory the script's VM may hold, in MB (default 64). */
  maxMemoryMb?: number;
  /** Calls the script may make, all connectors together (default 1,000); a walk ({ all: true }) is one call. */
  maxCalls?: number;
  /** Money all the script's calls together may spend (the connectors' currency, e.g. USD); a call whose estimate would pass it is refused. */
  budget?: number;
  /** Longest result, in characters of JSON (default 50,000, the agent tool's cap). */
  maxResultChars?: number;
  /**
   * The connection for `<connector>.account(name)`: default, the same connection with the credential store's named
   * account (connector.withAccount). A host whose accounts live elsewhere (the hosted API) finds its own.
   */
  accounts?: (connector: AnyConnector, name: string) => AnyConnector | Promise<AnyConnector>;
  /** Hears each console line as the script writes it (they are in `logs` as well). */
  onLog?: (entry: LogEntry) => void;
  /** Cancels the script and its calls. */
  signal?: AbortSignal;
}

/** What connector.run() takes: the same, with a scope for that connector and more connectors to use beside it. */
export interface ConnectorRunOptions extends RunOptions, Scope {
  /** More connectors the script may use, each as a global named after it (held to its own scope). */
  connectors?: AnyConnector[];
}

export interface LogEntry {
  level: "log" | "warn" | "error";
  message: string;
}

/** What run() resolves with. */
export interface RunResult<T = unknown> {
  /** What the script returned, as JSON (undefined when it returned nothing). */
  result: T;
  logs: LogEntry[];
  /** Calls the script made (each walk counts once). */
  calls: number;
  /** What its calls spent, in the connectors' currency. */
  cost: number;
  duration_ms: number;
}

/** How a script ended, whatever the outcome: what runScript() gives faces that report failures themselves. */
export interface RunReport extends Omit<RunResult, "result"> {
  result?: unknown;
  /** Why it failed: ScriptError, LimitError, or the error of a call it did not catch. */
  error?: ConnectorError;
  /** The line of the script the failure points at, when known. */
  line?: number;
}
