/**
 * The SQL both stores run for connect sessions, console sessions and the console's audit totals (written with `?`;
 * PostgreSQL numbers them), and the conversion of a connect session's row.
 */
import type { AuditTotal, ConnectSession, ConnectSessionChanges } from "./types.js";

/** `?` placeholders as $1, $2, ... for PostgreSQL. */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export const CONNECT_SESSION_COLUMNS = [
  "id",
  "workspace_id",
  "user_id",
  "link_hash",
  "connectors",
  "scopes",
  "read_only",
  "redirect_url",
  "expires_at",
  "created_at",
  "opened_at",
  "connector_id",
  "completed_at",
  "last_error",
  "choices",
  "pending_credentials",
] as const;

export const INSERT_CONNECT_SESSION = `INSERT INTO connect_sessions (${CONNECT_SESSION_COLUMNS.join(", ")}) VALUES (${CONNECT_SESSION_COLUMNS.map(() => "?").join(", ")})`;

export function connectSessionValues(session: ConnectSession, linkHash: string, bool: (b: boolean) => unknown): unknown[] {
  const row: Record<(typeof CONNECT_SESSION_COLUMNS)[number], unknown> = {
    ...session,
    link_hash: linkHash,
    connectors: session.connectors && JSON.stringify(session.connectors),
    scopes: session.scopes && JSON.stringify(session.scopes),
    choices: session.choices && JSON.stringify(session.choices),
    pending_credentials: session.pending_credentials && JSON.stringify(session.pending_credentials),
    read_only: bool(session.read_only),
  };
  return CONNECT_SESSION_COLUMNS.map((column) => row[column]);
}

const json = (value: unknown): unknown => (value === null || value === undefined ? null : JSON.parse(String(value)));
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

export function rowToConnectSession(row: Record<string, unknown>): ConnectSession {
  return {
    id: String(row.id),
    workspace_id: String(row.workspace_id),
    user_id: String(row.user_id),
    connectors: json(row.connectors) as string[] | null,
    scopes: json(row.scopes) as string[] | null,
    read_only: row.read_only === true || row.read_only === 1,
    redirect_url: text(row.redirect_url),
    expires_at: String(row.expires_at),
    created_at: String(row.created_at),
    opened_at: text(row.opened_at),
    connector_id: text(row.connector_id),
    completed_at: text(row.completed_at),
    last_error: text(row.last_error),
    choices: json(row.choices) as ConnectSession["choices"],
    pending_credentials: json(row.pending_credentials) as ConnectSession["pending_credentials"],
  };
}

/** The one column a session is found by (never a name from outside: the key picks it). */
export function findConnectSessionSql(by: { link_hash: string } | { browser_hash: string } | { id: string }): { sql: string; value: string } {
  const [column, value] = "link_hash" in by ? ["link_hash", by.link_hash] : "browser_hash" in by ? ["browser_hash", by.browser_hash] : ["id", by.id];
  return { sql: `SELECT * FROM connect_sessions WHERE ${column} = ?`, value };
}

export const OPEN_CONNECT_SESSION = "UPDATE connect_sessions SET browser_hash = ?, opened_at = ? WHERE id = ? AND opened_at IS NULL";

/** Only while not completed: a connect link connects one account. */
export function updateConnectSessionSql(id: string, changes: ConnectSessionChanges): { sql: string; values: unknown[] } {
  const entries = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    // Lists and sealed records as JSON text.
    .map(([column, value]) => [column, typeof value === "object" && value !== null ? JSON.stringify(value) : value] as const);
  return { sql: `UPDATE connect_sessions SET ${entries.map(([column]) => `${column} = ?`).join(", ")} WHERE id = ? AND completed_at IS NULL`, values: [...entries.map(([, v]) => v), id] };
}

export const INSERT_CONSOLE_SESSION = "INSERT INTO console_sessions (session_hash, workspace_id, expires_at) VALUES (?, ?, ?)";
export const FIND_CONSOLE_SESSION =
  "SELECT w.id, w.name, w.created_at, s.expires_at FROM console_sessions s JOIN workspaces w ON w.id = s.workspace_id WHERE s.session_hash = ?";
export const DELETE_CONSOLE_SESSION = "DELETE FROM console_sessions WHERE session_hash = ?";

/** Deleted by prune: console sessions expired by `now`, connect sessions expired before the audit cut-off. */
export const PRUNE_SESSIONS = [
  { sql: "DELETE FROM console_sessions WHERE expires_at <= ?", at: "now" },
  { sql: "DELETE FROM connect_sessions WHERE expires_at < ?", at: "before" },
] as const;

export const AUDIT_TOTALS = `SELECT substr(time, 1, 13) AS hour, user_id, connector_type, COUNT(*) AS calls,
  SUM(CASE WHEN outcome = 'ok' THEN 0 ELSE 1 END) AS errors, COALESCE(SUM(cost), 0) AS cost
  FROM audit_log WHERE workspace_id = ? AND time >= ? GROUP BY substr(time, 1, 13), user_id, connector_type ORDER BY hour`;

export const rowToAuditTotal = (row: Record<string, unknown>): AuditTotal => ({
  hour: String(row.hour),
  user_id: String(row.user_id),
  connector_type: String(row.connector_type),
  calls: Number(row.calls),
  errors: Number(row.errors),
  cost: Number(row.cost),
});

export const LAST_CALLS = "SELECT connector_id, MAX(time) AS last FROM audit_log WHERE workspace_id = ? GROUP BY connector_id";

export const lastCallsByAccount = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((row) => [String(row.connector_id), String(row.last)]));
