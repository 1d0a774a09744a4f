/** What a connector needs to talk to a simulated API served over loopback instead of the real one. */
export interface SandboxConnectorInfo {
  baseUrl: string;
  tokenUrl?: string;
  hosts: Record<string, string>;
  /** Credential records keyed by auth variant name (as in the connector manifest). */
  credentials: Record<string, Record<string, string>>;
}
