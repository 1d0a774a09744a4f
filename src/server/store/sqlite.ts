/** The embedded store: one SQLite file (WAL, so readers never wait for the writer), or :memory: for tests. */
import Database from "better-sqlite3";
import type { SealedRecord } from "../../credentials/cipher.js";
import { MIGRATIONS_TABLE, pendingMigrations } from "./migrations.js";
import { ACCOUNT_COLUMNS, AUDIT_COLUMNS, accountToRow, auditToValues, auditWhere, changeColumns, resealRow, rowToAccount, rowToAudit, type AccountRow } from "./rows.js";
import * as sessions from "./session-rows.js";
import type {
  AccountChanges,
  AccountStatus,
  AuditQuery,
  AuditRow,
  AuditTotal,
  ConnectedAccount,
  ConnectSession,
  ConnectSessionChanges,
  ConsoleSession,
  McpToken,
  OAuthState,
  ResealReport,
  Store,
  Workspace,
} from "./types.js";

const MCP_TOKEN_FIELDS = "id, workspace_id, user_id, name, created_at";

const bool = (b: boolean) => (b ? 1 : 0);

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    this.db = new Database(path);
    if (path !== ":memory:") this.db.pragma("journal_mode = WAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    // Deleted and overwritten rows (revoked credentials, records resealed under a new key) are zeroed, not left in free pages.
    this.db.pragma("secure_delete = ON");
  }

  /** A statement compiled once per store, not on every call (compiling costs more than running most of them). */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  async migrate(): Promise<void> {
    this.db.exec(MIGRATIONS_TABLE);
    const { version } = this.db.prepare("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations").get() as { version: number };
    for (const migration of pendingMigrations("sqlite", version))
      this.db.transaction(() => {
        for (const statement of migration.statements) this.db.exec(statement);
        this.db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(migration.version, new Date().toISOString());
      })();
  }

  async createWorkspace(workspace: Workspace, tokenHash: string): Promise<void> {
    this.sql("INSERT INTO workspaces (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)").run(workspace.id, workspace.name, tokenHash, workspace.created_at);
  }

  async workspaceByTokenHash(tokenHash: string): Promise<Workspace | undefined> {
    return this.sql("SELECT id, name, created_at FROM workspaces WHERE token_hash = ?").get(tokenHash) as Workspace | undefined;
  }

  async insertAccount(account: ConnectedAccount): Promise<void> {
    const row = accountToRow(account, bool);
    this.sql(`INSERT INTO connected_accounts (${ACCOUNT_COLUMNS.join(", ")}) VALUES (${ACCOUNT_COLUMNS.map(() => "?").join(", ")})`).run(ACCOUNT_COLUMNS.map((c) => row[c]));
  }

  async getAccount(workspaceId: string, id: string): Promise<ConnectedAccount | undefined> {
    const row = this.sql("SELECT * FROM connected_accounts WHERE workspace_id = ? AND id = ?").get(workspaceId, id) as AccountRow | undefined;
    return row && rowToAccount(row);
  }

  async listAccounts(workspaceId: string, filter: { user_id?: string }): Promise<ConnectedAccount[]> {
    const rows =
      filter.user_id === undefined
        ? this.sql("SELECT * FROM connected_accounts WHERE workspace_id = ? ORDER BY created_at, id").all(workspaceId)
        : this.sql("SELECT * FROM connected_accounts WHERE workspace_id = ? AND user_id = ? ORDER BY created_at, id").all(workspaceId, filter.user_id);
    return (rows as AccountRow[]).map(rowToAccount);
  }

  async updateAccount(workspaceId: string, id: string, changes: AccountChanges, updatedAt: string, onlyIf?: AccountStatus[]): Promise<ConnectedAccount | undefined> {
    const columns = { ...changeColumns(changes, bool), updated_at: updatedAt };
    const set = Object.keys(columns).map((c) => `${c} = ?`).join(", ");
    const statusIn = onlyIf ? ` AND status IN (${onlyIf.map(() => "?").join(", ")})` : "";
    const row = this.sql(`UPDATE connected_accounts SET ${set} WHERE workspace_id = ? AND id = ?${statusIn} RETURNING *`)
      .get(...Object.values(columns), workspaceId, id, ...(onlyIf ?? [])) as AccountRow | undefined;
    return row && rowToAccount(row);
  }

  async replaceActiveCredentials(id: string, credentials: SealedRecord, updatedAt: string): Promise<boolean> {
    const columns = changeColumns({ credentials }, bool);
    const result = this.sql("UPDATE connected_accounts SET credentials_key_id = ?, credentials_sealed = ?, updated_at = ? WHERE id = ? AND status = 'active'")
      .run(columns.credentials_key_id, columns.credentials_sealed, updatedAt, id);
    return result.changes === 1;
  }

  async credentialKeyIds(): Promise<string[]> {
    const rows = this.sql("SELECT DISTINCT credentials_key_id AS id FROM connected_accounts WHERE credentials_key_id IS NOT NULL").all() as { id: string }[];
    return rows.map((r) => r.id);
  }

  async vaultKeyId(): Promise<string | undefined> {
    const row = this.sql("SELECT key_id FROM vault_key").get() as { key_id: string } | undefined;
    return row?.key_id;
  }

  async recordVaultKeyId(keyId: string): Promise<void> {
    this.sql("INSERT INTO vault_key (singleton, key_id) VALUES (1, ?) ON CONFLICT DO NOTHING").run(keyId);
  }

  async resealCredentials(newKeyId: string, reseal: (id: string, sealed: SealedRecord) => SealedRecord): Promise<ResealReport> {
    const report = this.db.transaction(() => {
      const outcome: ResealReport = { resealed: 0, failed: [] };
      const rows = this.sql("SELECT * FROM connected_accounts WHERE credentials_sealed IS NOT NULL").all() as AccountRow[];
      for (const row of rows) {
        const { id, columns, failed } = resealRow(row, reseal);
        const set = Object.keys(columns).map((c) => `${c} = ?`).join(", ");
        this.sql(`UPDATE connected_accounts SET ${set} WHERE id = ?`).run(...Object.values(columns), id);
        if (failed === undefined) outcome.resealed++;
        else outcome.failed.push({ id, reason: failed });
      }
      this.sql("INSERT INTO vault_key (singleton, key_id) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET key_id = excluded.key_id").run(newKeyId);
      return outcome;
    })();
    // The WAL still holds the old pages until a checkpoint: fold it in now, so no copy under the old key is left.
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    return report;
  }

  async insertOAuthState(state: OAuthState): Promise<void> {
    this.sql("INSERT INTO oauth_states (state_hash, workspace_id, user_id, connector_id, expires_at, connect_session_id) VALUES (?, ?, ?, ?, ?, ?)")
      .run(state.state_hash, state.workspace_id, state.user_id, state.connector_id, state.expires_at, state.connect_session_id ?? null);
  }

  async takeOAuthState(stateHash: string): Promise<OAuthState | undefined> {
    return this.sql("DELETE FROM oauth_states WHERE state_hash = ? RETURNING *").get(stateHash) as OAuthState | undefined;
  }

  async prune(before: string, now: string): Promise<number> {
    return this.db.transaction(() => {
      this.sql("DELETE FROM oauth_states WHERE expires_at <= ?").run(now);
      for (const { sql, at } of sessions.PRUNE_SESSIONS) this.sql(sql).run(at === "now" ? now : before);
      return this.sql("DELETE FROM audit_log WHERE time < ?").run(before).changes;
    })();
  }

  async insertMcpToken(token: McpToken, tokenHash: string): Promise<void> {
    this.sql("INSERT INTO mcp_tokens (id, workspace_id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(token.id, token.workspace_id, token.user_id, token.name, tokenHash, token.created_at);
  }

  async mcpTokenByHash(tokenHash: string): Promise<McpToken | undefined> {
    return this.sql(`SELECT ${MCP_TOKEN_FIELDS} FROM mcp_tokens WHERE token_hash = ?`).get(tokenHash) as McpToken | undefined;
  }

  async listMcpTokens(workspaceId: string, filter: { user_id?: string }): Promise<McpToken[]> {
    const rows =
      filter.user_id === undefined
        ? this.sql(`SELECT ${MCP_TOKEN_FIELDS} FROM mcp_tokens WHERE workspace_id = ? ORDER BY created_at, id`).all(workspaceId)
        : this.sql(`SELECT ${MCP_TOKEN_FIELDS} FROM mcp_tokens WHERE workspace_id = ? AND user_id = ? ORDER BY created_at, id`).all(workspaceId, filter.user_id);
    return rows as McpToken[];
  }

  async deleteMcpToken(workspaceId: string, id: string): Promise<McpToken | undefined> {
    return this.sql(`DELETE FROM mcp_tokens WHERE workspace_id = ? AND id = ? RETURNING ${MCP_TOKEN_FIELDS}`).get(workspaceId, id) as McpToken | undefined;
  }

  async insertAudit(row: Omit<AuditRow, "id">): Promise<void> {
    this.sql(`INSERT INTO audit_log (${AUDIT_COLUMNS.join(", ")}) VALUES (${AUDIT_COLUMNS.map(() => "?").join(", ")})`).run(auditToValues(row));
  }

  async listAudit(query: AuditQuery): Promise<AuditRow[]> {
    const where = auditWhere(query, () => "?");
    const rows = this.sql(`SELECT * FROM audit_log WHERE ${where.sql} ORDER BY id LIMIT ?`).all(...where.values, query.limit);
    return (rows as Record<string, unknown>[]).map(rowToAudit);
  }

  async auditTotals(workspaceId: string, since: string): Promise<AuditTotal[]> {
    return (this.sql(sessions.AUDIT_TOTALS).all(workspaceId, since) as Record<string, unknown>[]).map(sessions.rowToAuditTotal);
  }

  async lastCalls(workspaceId: string): Promise<Record<string, string>> {
    return sessions.lastCallsByAccount(this.sql(sessions.LAST_CALLS).all(workspaceId) as Record<string, unknown>[]);
  }

  async insertConnectSession(session: ConnectSession, linkHash: string): Promise<void> {
    this.sql(sessions.INSERT_CONNECT_SESSION).run(sessions.connectSessionValues(session, linkHash, bool));
  }

  async findConnectSession(by: { link_hash: string } | { browser_hash: string } | { id: string }): Promise<ConnectSession | undefined> {
    const { sql, value } = sessions.findConnectSessionSql(by);
    const row = this.sql(sql).get(value) as Record<string, unknown> | undefined;
    return row && sessions.rowToConnectSession(row);
  }

  async openConnectSession(id: string, browserHash: string, openedAt: string): Promise<boolean> {
    return this.sql(sessions.OPEN_CONNECT_SESSION).run(browserHash, openedAt, id).changes === 1;
  }

  async updateConnectSession(id: string, changes: ConnectSessionChanges): Promise<boolean> {
    const { sql, values } = sessions.updateConnectSessionSql(id, changes);
    return this.sql(sql).run(...values).changes === 1;
  }

  async insertConsoleSession(sessionHash: string, workspaceId: string, expiresAt: string): Promise<void> {
    this.sql(sessions.INSERT_CONSOLE_SESSION).run(sessionHash, workspaceId, expiresAt);
  }

  async consoleSession(sessionHash: string): Promise<ConsoleSession | undefined> {
    const row = this.sql(sessions.FIND_CONSOLE_SESSION).get(sessionHash) as (Workspace & { expires_at: string }) | undefined;
    return row && { workspace: { id: row.id, name: row.name, created_at: row.created_at }, expires_at: row.expires_at };
  }

  async deleteConsoleSession(sessionHash: string): Promise<void> {
    this.sql(sessions.DELETE_CONSOLE_SESSION).run(sessionHash);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
