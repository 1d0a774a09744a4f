/** Contracts between the sandbox server and the simulated APIs it hosts. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** A simulated host: answers every request whose path starts with `prefix`. */
export interface SandboxMount {
  prefix: string;
  /** `path` is the part below the prefix; `baseUrl` is the absolute URL of the prefix (for links). */
  handle(req: IncomingMessage, res: ServerResponse, path: string, baseUrl: string): Promise<void>;
}

/** What a connector needs to talk to a simulated API instead of the real one. */
export interface SandboxConnectorInfo {
  baseUrl: string;
  tokenUrl?: string;
  hosts: Record<string, string>;
  /** Credential records keyed by auth variant name (as in the connector manifest). */
  credentials: Record<string, Record<string, string>>;
}
