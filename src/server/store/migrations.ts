/**
 * The schema as numbered migrations, written once for both dialects: the few types that differ are filled in.
 * A store applies the ones above the version recorded in schema_migrations, at every start.
 */
export type Dialect = "sqlite" | "postgres";

const TYPES: Record<Dialect, { serial: string; bool: string; real: string }> = {
  sqlite: { serial: "INTEGER PRIMARY KEY AUTOINCREMENT", bool: "INTEGER", real: "REAL" },
  postgres: { serial: "BIGSERIAL PRIMARY KEY", bool: "BOOLEAN", real: "DOUBLE PRECISION" },
};

const MIGRATIONS: ((t: (typeof TYPES)[Dialect]) => string[])[] = [
  (t) => [
    `CREATE TABLE workspaces (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE connected_accounts (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id),
      connector_type TEXT NOT NULL,
      name TEXT NOT NULL,
      user_id TEXT NOT NULL,
      account TEXT NOT NULL,
      auth_variant TEXT NOT NULL,
      scopes TEXT,
      read_only ${t.bool} NOT NULL,
      status TEXT NOT NULL,
      credentials_key_id TEXT,
      credentials_sealed TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX connected_accounts_workspace_user ON connected_accounts (workspace_id, user_id)`,
    `CREATE TABLE audit_log (
      id ${t.serial},
      time TEXT NOT NULL,
      workspace_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      connector_id TEXT NOT NULL,
      connector_type TEXT NOT NULL,
      entity TEXT NOT NULL,
      action TEXT NOT NULL,
      outcome TEXT NOT NULL,
      upstream_status INTEGER,
      duration_ms INTEGER NOT NULL,
      cost ${t.real},
      params TEXT NOT NULL
    )`,
    `CREATE INDEX audit_log_workspace_time ON audit_log (workspace_id, time)`,
  ],
  () => [
    // OAuth connect flow: one row per authorize URL handed out, deleted when its callback comes (single use).
    `CREATE TABLE oauth_states (
      state_hash TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id),
      user_id TEXT NOT NULL,
      account_id TEXT NOT NULL REFERENCES connected_accounts(id),
      expires_at TEXT NOT NULL
    )`,
    // Pruning deletes by time alone, across workspaces.
    `CREATE INDEX audit_log_time ON audit_log (time)`,
    // The id of the key everything is sealed with, so a store with no credentials yet still names its key.
    `CREATE TABLE vault_key (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      key_id TEXT NOT NULL
    )`,
  ],
  () => [
    // Per-user bearer tokens for the MCP server, stored as hashes; revoking one deletes its row.
    `CREATE TABLE mcp_tokens (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id),
      user_id TEXT NOT NULL,
      name TEXT,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX mcp_tokens_workspace_user ON mcp_tokens (workspace_id, user_id)`,
  ],
  () => [
    // A state names the connected account (a "connector" everywhere else in the API), not an upstream account.
    `ALTER TABLE oauth_states RENAME COLUMN account_id TO connector_id`,
  ],
  () => [
    // Why an E_AUTH call's credentials were refused (invalid, revoked, ...): what turned its account to needs_reauth.
    `ALTER TABLE audit_log ADD COLUMN reason TEXT`,
  ],
  (t) => [
    // Connect links (POST /api/v1/connect-sessions): stored by the link's hash, then by its browser cookie's hash.
    `CREATE TABLE connect_sessions (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id),
      user_id TEXT NOT NULL,
      link_hash TEXT NOT NULL UNIQUE,
      browser_hash TEXT UNIQUE,
      connectors TEXT,
      scopes TEXT,
      read_only ${t.bool} NOT NULL,
      redirect_url TEXT,
      expires_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      opened_at TEXT,
      connector_id TEXT,
      completed_at TEXT,
      last_error TEXT,
      choices TEXT,
      pending_credentials TEXT
    )`,
    `ALTER TABLE oauth_states ADD COLUMN connect_session_id TEXT`,
    // Console sign-ins: the cookie's hash and the workspace it opens.
    `CREATE TABLE console_sessions (
      session_hash TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id),
      expires_at TEXT NOT NULL
    )`,
    `CREATE INDEX audit_log_workspace_connector ON audit_log (workspace_id, connector_id, time)`,
  ],
];

export const MIGRATIONS_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

/** Migrations after `current`, each as its version and statements. */
export function pendingMigrations(dialect: Dialect, current: number): { version: number; statements: string[] }[] {
  return MIGRATIONS.slice(current).map((make, i) => ({ version: current + i + 1, statements: make(TYPES[dialect]) }));
}
