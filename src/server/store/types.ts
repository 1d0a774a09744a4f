/** The hosted API's persistence: one interface, implemented by SQLite (embedded default) and PostgreSQL (replicas). */
import type { SealedRecord } from "../../credentials/cipher.js";

export interface Workspace {
  id: string;
  name: string;
  created_at: string;
}

/**
 * pending: an OAuth account waiting for its user to authorize (or to choose which upstream account to act on);
 * needs_reauth: the upstream refused its credentials (401, invalid_grant), or they could not be read: nothing is sent
 * for it until it is reconnected (new credentials, or the OAuth flow again).
 */
export type AccountStatus = "pending" | "active" | "needs_reauth" | "revoked";

export interface ConnectedAccount {
  id: string;
  workspace_id: string;
  connector_type: string;
  name: string;
  user_id: string;
  /** The named account inside the connector (default, work, ...). */
  account: string;
  auth_variant: string;
  /** entity.action allow-list patterns; null: every action. */
  scopes: string[] | null;
  read_only: boolean;
  status: AccountStatus;
  /** Sealed with the vault's key; null once revoked. */
  credentials: SealedRecord | null;
  created_at: string;
  updated_at: string;
}

export interface AuditRow {
  /** Assigned by the store, increasing: the pagination cursor. */
  id: number;
  time: string;
  workspace_id: string;
  user_id: string;
  connector_id: string;
  connector_type: string;
  entity: string;
  action: string;
  /** "ok", or the error code the call ended with (E_SCOPE, E_AUTH, ...). */
  outcome: string;
  /** For E_AUTH, why the credentials were refused (invalid, revoked, ...); else null. */
  reason: string | null;
  upstream_status: number | null;
  duration_ms: number;
  cost: number | null;
  /** Redacted (see redact.ts). */
  params: unknown;
}

export interface AuditQuery {
  workspace_id: string;
  connector_id?: string;
  connector_type?: string;
  user_id?: string;
  /** "ok", "error" (any error code), or one code (E_AUTH, ...). */
  outcome?: string;
  /** ISO times, inclusive. */
  since?: string;
  until?: string;
  /** Rows with an id above this one. */
  after?: number;
  limit: number;
}

/** One OAuth authorize URL handed out: the state's hash, and what the callback may touch with it. */
export interface OAuthState {
  state_hash: string;
  workspace_id: string;
  user_id: string;
  connector_id: string;
  expires_at: string;
  /** Set when a connect page started the flow: the callback then finishes it there. */
  connect_session_id?: string | null;
}

/**
 * A connect link handed to an application (POST /api/v1/connect-sessions): what its page may connect, for whom. Its
 * link opens once (opened_at), binding the session to that browser's cookie; it connects one account (completed_at).
 */
export interface ConnectSession {
  id: string;
  workspace_id: string;
  user_id: string;
  /** Connector types offered; null: every one. */
  connectors: string[] | null;
  /** entity.action patterns the account is granted; null: every action. */
  scopes: string[] | null;
  read_only: boolean;
  redirect_url: string | null;
  expires_at: string;
  created_at: string;
  opened_at: string | null;
  /** The account it reconnects (given), or the one it made (a pending OAuth account, then the connected one). */
  connector_id: string | null;
  completed_at: string | null;
  /** What went wrong in the last attempt, in plain words for the page (never a secret). */
  last_error: string | null;
  /** When an authorization reaches several upstream accounts: the ones the user chooses from. */
  choices: { id: string; name?: string }[] | null;
  /** Meanwhile, what the authorization gave (and its variant), sealed with the session's id: never read by anyone but the page. */
  pending_credentials: SealedRecord | null;
}

export type ConnectSessionChanges = Partial<Pick<ConnectSession, "connector_id" | "completed_at" | "last_error" | "choices" | "pending_credentials">>;

/** A console sign-in: the workspace it opens, until when; only the cookie's hash is stored. */
export interface ConsoleSession {
  workspace: Workspace;
  expires_at: string;
}

/** Calls in one hour (an ISO prefix, "2026-07-01T12") by one user on one connector type. */
export interface AuditTotal {
  hour: string;
  user_id: string;
  connector_type: string;
  calls: number;
  errors: number;
  cost: number;
}

/** A per-user MCP bearer token: it opens the MCP server as `user_id` of its workspace; only its hash is stored. */
export interface McpToken {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string | null;
  created_at: string;
}

export interface ResealReport {
  resealed: number;
  failed: { id: string; reason: string }[];
}

export type AccountChanges = Partial<Pick<ConnectedAccount, "name" | "scopes" | "read_only" | "auth_variant" | "credentials" | "status">>;

export interface Store {
  /** Creates or upgrades the tables; safe to run at every start. */
  migrate(): Promise<void>;
  createWorkspace(workspace: Workspace, tokenHash: string): Promise<void>;
  workspaceByTokenHash(tokenHash: string): Promise<Workspace | undefined>;
  insertAccount(account: ConnectedAccount): Promise<void>;
  /** Only within the workspace: another workspace's id is simply not found. */
  getAccount(workspaceId: string, id: string): Promise<ConnectedAccount | undefined>;
  listAccounts(workspaceId: string, filter: { user_id?: string }): Promise<ConnectedAccount[]>;
  /**
   * Undefined when there is no such account in the workspace, or (compare-and-set) when `onlyIf` is given and the
   * account's status is none of those at the moment of the write.
   */
  updateAccount(workspaceId: string, id: string, changes: AccountChanges, updatedAt: string, onlyIf?: AccountStatus[]): Promise<ConnectedAccount | undefined>;
  /** Writes credentials back only while the account is active, so a late token refresh cannot undo a revocation. */
  replaceActiveCredentials(id: string, credentials: SealedRecord, updatedAt: string): Promise<boolean>;
  /** The ids of the keys that sealed the stored credentials. */
  credentialKeyIds(): Promise<string[]>;
  /** The key recorded as the one everything is sealed with; undefined before the first start. */
  vaultKeyId(): Promise<string | undefined>;
  /** Records the key unless one is recorded already (replicas starting together agree on the first). */
  recordVaultKeyId(keyId: string): Promise<void>;
  /**
   * In one transaction: reseals every stored credential `reseal` can open and records the new key's id. A record it
   * cannot open (reseal throws, or the row's sealed form is unreadable) is cleared and its account set to needs_reauth,
   * so no record is left under a key the store no longer names; each is reported with its id and the reason.
   */
  resealCredentials(newKeyId: string, reseal: (id: string, sealed: SealedRecord) => SealedRecord): Promise<ResealReport>;
  insertOAuthState(state: OAuthState): Promise<void>;
  /** Deletes and returns the state: a second take of the same hash finds nothing. */
  takeOAuthState(stateHash: string): Promise<OAuthState | undefined>;
  /**
   * Deletes audit rows and connect sessions before `before`, OAuth states and console sessions expired by `now` (ISO
   * times); returns the audit rows deleted.
   */
  prune(before: string, now: string): Promise<number>;
  insertMcpToken(token: McpToken, tokenHash: string): Promise<void>;
  mcpTokenByHash(tokenHash: string): Promise<McpToken | undefined>;
  /** Oldest first; never a token or its hash. */
  listMcpTokens(workspaceId: string, filter: { user_id?: string }): Promise<McpToken[]>;
  /** Revokes (deletes) the token; undefined when there is no such token in the workspace. */
  deleteMcpToken(workspaceId: string, id: string): Promise<McpToken | undefined>;
  insertAudit(row: Omit<AuditRow, "id">): Promise<void>;
  /** Oldest first. */
  listAudit(query: AuditQuery): Promise<AuditRow[]>;
  /** Calls, errors and cost since `since`, per hour, user and connector type. */
  auditTotals(workspaceId: string, since: string): Promise<AuditTotal[]>;
  /** Each connected account's last call, by account id. */
  lastCalls(workspaceId: string): Promise<Record<string, string>>;
  insertConnectSession(session: ConnectSession, linkHash: string): Promise<void>;
  /** By the link's hash, the browser cookie's hash (once opened), or the id. */
  findConnectSession(by: { link_hash: string } | { browser_hash: string } | { id: string }): Promise<ConnectSession | undefined>;
  /** Binds the session to a browser the first time its link is opened; false when it was opened already. */
  openConnectSession(id: string, browserHash: string, openedAt: string): Promise<boolean>;
  /** Writes only while the session is not completed; false when it was (a second tab finished first). */
  updateConnectSession(id: string, changes: ConnectSessionChanges): Promise<boolean>;
  insertConsoleSession(sessionHash: string, workspaceId: string, expiresAt: string): Promise<void>;
  consoleSession(sessionHash: string): Promise<ConsoleSession | undefined>;
  deleteConsoleSession(sessionHash: string): Promise<void>;
  close(): Promise<void>;
}
