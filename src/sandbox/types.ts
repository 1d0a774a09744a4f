/** What a connector needs to talk to a simulated API served over loopback instead of the real one. */
export interface SandboxConnectorInfo {
  baseUrl: string;
  tokenUrl?: string;
  /** Where a connect flow sends the user's browser for consent (the sandbox approves at once). */
  authorizeUrl?: string;
  hosts: Record<string, string>;
  /** Credential records keyed by auth variant name (as in the connector manifest). */
  credentials: Record<string, Record<string, string>>;
  /** Other accounts the sandbox knows, by the name `--account` takes. */
  accounts: Record<string, SandboxAccount>;
}

/** An account beside the default one (a member rather than an administrator, say), for what differs between them. */
export interface SandboxAccount {
  description: string;
  /** Its auth variant and that variant's fields. */
  variant: string;
  credentials: Record<string, string>;
}
