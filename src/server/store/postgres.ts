/** The shared store for several replicas: PostgreSQL through a pg pool, optionally inside one schema. */
import pg from "pg";
import { inTransaction } from "../pg-transaction.js";
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

const bool = (b: boolean) => b;
const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(", ");
/** Any constant will do: it only has to be the same for every replica running migrations. */
const MIGRATION_LOCK = 7_300_001;
const MCP_TOKEN_FIELDS = "id, workspace_id, user_id, name, created_at";

export interface PostgresOptions {
  connectionString: string;
  /** Tables live in this schema (created when missing); default: the connection's search_path. */
  schema?: string;
}

export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  private readonly schema?: string;

  constructor(options: PostgresOptions) {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new RangeError(`invalid schema name "${options.schema}"`);
    this.schema = options.schema;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
  }

  private async query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, values);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Replicas starting together must not race each other through the same migrations.
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query(MIGRATIONS_TABLE);
      const { rows } = await client.query<{ version: number }>("SELECT COALESCE(MAX(version), 0)::int AS version FROM schema_migrations");
      for (const migration of pendingMigrations("postgres", rows[0]!.version)) {
        await client.query("BEGIN");
        for (const statement of migration.statements) await client.query(statement);
        await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [migration.version, new Date().toISOString()]);
        await client.query("COMMIT");
      }
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async createWorkspace(workspace: Workspace, tokenHash: string): Promise<void> {
    await this.query("INSERT INTO workspaces (id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)", [workspace.id, workspace.name, tokenHash, workspace.created_at]);
  }

  async workspaceByTokenHash(tokenHash: string): Promise<Workspace | undefined> {
    const { rows } = await this.query<Workspace>("SELECT id, name, created_at FROM workspaces WHERE token_hash = $1", [tokenHash]);
    return rows[0];
  }

  async insertAccount(account: ConnectedAccount): Promise<void> {
    const row = accountToRow(account, bool);
    await this.query(`INSERT INTO connected_accounts (${ACCOUNT_COLUMNS.join(", ")}) VALUES (${placeholders(ACCOUNT_COLUMNS.length)})`, ACCOUNT_COLUMNS.map((c) => row[c]));
  }

  async getAccount(workspaceId: string, id: string): Promise<ConnectedAccount | undefined> {
    const { rows } = await this.query<AccountRow>("SELECT * FROM connected_accounts WHERE workspace_id = $1 AND id = $2", [workspaceId, id]);
    return rows[0] && rowToAccount(rows[0]);
  }

  async listAccounts(workspaceId: string, filter: { user_id?: string }): Promise<ConnectedAccount[]> {
    const { rows } =
      filter.user_id === undefined
        ? await this.query<AccountRow>("SELECT * FROM connected_accounts WHERE workspace_id = $1 ORDER BY created_at, id", [workspaceId])
        : await this.query<AccountRow>("SELECT * FROM connected_accounts WHERE workspace_id = $1 AND user_id = $2 ORDER BY created_at, id", [workspaceId, filter.user_id]);
    return rows.map(rowToAccount);
  }

  async updateAccount(workspaceId: string, id: string, changes: AccountChanges, updatedAt: string, onlyIf?: AccountStatus[]): Promise<ConnectedAccount | undefined> {
    const columns = { ...changeColumns(changes, bool), updated_at: updatedAt };
    const names = Object.keys(columns);
    const set = names.map((c, i) => `${c} = $${i + 1}`).join(", ");
    const statusIn = onlyIf ? ` AND status = ANY($${names.length + 3})` : "";
    const { rows } = await this.query<AccountRow>(
      `UPDATE connected_accounts SET ${set} WHERE workspace_id = $${names.length + 1} AND id = $${names.length + 2}${statusIn} RETURNING *`,
      [...Object.values(columns), workspaceId, id, ...(onlyIf ? [onlyIf] : [])],
    );
    return rows[0] && rowToAccount(rows[0]);
  }

  async replaceActiveCredentials(id: string, credentials: SealedRecord, updatedAt: string): Promise<boolean> {
    const columns = changeColumns({ credentials }, bool);
    const result = await this.query(
      "UPDATE connected_accounts SET credentials_key_id = $1, credentials_sealed = $2, updated_at = $3 WHERE id = $4 AND status = 'active'",
      [columns.credentials_key_id, columns.credentials_sealed, updatedAt, id],
    );
    return result.rowCount === 1;
  }

  async credentialKeyIds(): Promise<string[]> {
    const { rows } = await this.query<{ id: string }>("SELECT DISTINCT credentials_key_id AS id FROM connected_accounts WHERE credentials_key_id IS NOT NULL");
    return rows.map((r) => r.id);
  }

  async vaultKeyId(): Promise<string | undefined> {
    const { rows } = await this.query<{ key_id: string }>("SELECT key_id FROM vault_key");
    return rows[0]?.key_id;
  }

  async recordVaultKeyId(keyId: string): Promise<void> {
    await this.query("INSERT INTO vault_key (singleton, key_id) VALUES (1, $1) ON CONFLICT DO NOTHING", [keyId]);
  }

  async resealCredentials(newKeyId: string, reseal: (id: string, sealed: SealedRecord) => SealedRecord): Promise<ResealReport> {
    return inTransaction(this.pool, async (client) => {
      const report: ResealReport = { resealed: 0, failed: [] };
      // FOR UPDATE: no other writer changes a record between its read and its reseal.
      const { rows } = await client.query<AccountRow>("SELECT * FROM connected_accounts WHERE credentials_sealed IS NOT NULL FOR UPDATE");
      for (const row of rows) {
        const { id, columns, failed } = resealRow(row, reseal);
        const names = Object.keys(columns);
        await client.query(`UPDATE connected_accounts SET ${names.map((c, i) => `${c} = $${i + 1}`).join(", ")} WHERE id = $${names.length + 1}`, [...Object.values(columns), id]);
        if (failed === undefined) report.resealed++;
        else report.failed.push({ id, reason: failed });
      }
      await client.query("INSERT INTO vault_key (singleton, key_id) VALUES (1, $1) ON CONFLICT (singleton) DO UPDATE SET key_id = excluded.key_id", [newKeyId]);
      return report;
    });
  }

  async insertOAuthState(state: OAuthState): Promise<void> {
    await this.query("INSERT INTO oauth_states (state_hash, workspace_id, user_id, connector_id, expires_at, connect_session_id) VALUES ($1, $2, $3, $4, $5, $6)", [
      state.state_hash,
      state.workspace_id,
      state.user_id,
      state.connector_id,
      state.expires_at,
      state.connect_session_id ?? null,
    ]);
  }

  async takeOAuthState(stateHash: string): Promise<OAuthState | undefined> {
    const { rows } = await this.query<OAuthState>("DELETE FROM oauth_states WHERE state_hash = $1 RETURNING *", [stateHash]);
    return rows[0];
  }

  async prune(before: string, now: string): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await client.query("DELETE FROM oauth_states WHERE expires_at <= $1", [now]);
      for (const { sql, at } of sessions.PRUNE_SESSIONS) await client.query(sessions.numbered(sql), [at === "now" ? now : before]);
      return (await client.query("DELETE FROM audit_log WHERE time < $1", [before])).rowCount ?? 0;
    });
  }

  async insertMcpToken(token: McpToken, tokenHash: string): Promise<void> {
    await this.query("INSERT INTO mcp_tokens (id, workspace_id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)", [
      token.id,
      token.workspace_id,
      token.user_id,
      token.name,
      tokenHash,
      token.created_at,
    ]);
  }

  async mcpTokenByHash(tokenHash: string): Promise<McpToken | undefined> {
    const { rows } = await this.query<McpToken>(`SELECT ${MCP_TOKEN_FIELDS} FROM mcp_tokens WHERE token_hash = $1`, [tokenHash]);
    return rows[0];
  }

  async listMcpTokens(workspaceId: string, filter: { user_id?: string }): Promise<McpToken[]> {
    const { rows } =
      filter.user_id === undefined
        ? await this.query<McpToken>(`SELECT ${MCP_TOKEN_FIELDS} FROM mcp_tokens WHERE workspace_id = $1 ORDER BY created_at, id`, [workspaceId])
        : await this.query<McpToken>(`SELECT ${MCP_TOKEN_FIELDS} FROM mcp_tokens WHERE workspace_id = $1 AND user_id = $2 ORDER BY created_at, id`, [workspaceId, filter.user_id]);
    return rows;
  }

  async deleteMcpToken(workspaceId: string, id: string): Promise<McpToken | undefined> {
    const { rows } = await this.query<McpToken>(`DELETE FROM mcp_tokens WHERE workspace_id = $1 AND id = $2 RETURNING ${MCP_TOKEN_FIELDS}`, [workspaceId, id]);
    return rows[0];
  }

  async insertAudit(row: Omit<AuditRow, "id">): Promise<void> {
    await this.query(`INSERT INTO audit_log (${AUDIT_COLUMNS.join(", ")}) VALUES (${placeholders(AUDIT_COLUMNS.length)})`, auditToValues(row));
  }

  async listAudit(query: AuditQuery): Promise<AuditRow[]> {
    const where = auditWhere(query, (n) => `$${n}`);
    const { rows } = await this.query(`SELECT * FROM audit_log WHERE ${where.sql} ORDER BY id LIMIT $${where.values.length + 1}`, [...where.values, query.limit]);
    return rows.map(rowToAudit);
  }

  async auditTotals(workspaceId: string, since: string): Promise<AuditTotal[]> {
    return (await this.query(sessions.numbered(sessions.AUDIT_TOTALS), [workspaceId, since])).rows.map(sessions.rowToAuditTotal);
  }

  async lastCalls(workspaceId: string): Promise<Record<string, string>> {
    return sessions.lastCallsByAccount((await this.query(sessions.numbered(sessions.LAST_CALLS), [workspaceId])).rows);
  }

  async insertConnectSession(session: ConnectSession, linkHash: string): Promise<void> {
    await this.query(sessions.numbered(sessions.INSERT_CONNECT_SESSION), sessions.connectSessionValues(session, linkHash, bool));
  }

  async findConnectSession(by: { link_hash: string } | { browser_hash: string } | { id: string }): Promise<ConnectSession | undefined> {
    const { sql, value } = sessions.findConnectSessionSql(by);
    const { rows } = await this.query(sessions.numbered(sql), [value]);
    return rows[0] && sessions.rowToConnectSession(rows[0]);
  }

  async openConnectSession(id: string, browserHash: string, openedAt: string): Promise<boolean> {
    return (await this.query(sessions.numbered(sessions.OPEN_CONNECT_SESSION), [browserHash, openedAt, id])).rowCount === 1;
  }

  async updateConnectSession(id: string, changes: ConnectSessionChanges): Promise<boolean> {
    const { sql, values } = sessions.updateConnectSessionSql(id, changes);
    return (await this.query(sessions.numbered(sql), values)).rowCount === 1;
  }

  async insertConsoleSession(sessionHash: string, workspaceId: string, expiresAt: string): Promise<void> {
    await this.query(sessions.numbered(sessions.INSERT_CONSOLE_SESSION), [sessionHash, workspaceId, expiresAt]);
  }

  async consoleSession(sessionHash: string): Promise<ConsoleSession | undefined> {
    const row = (await this.query<Workspace & { expires_at: string }>(sessions.numbered(sessions.FIND_CONSOLE_SESSION), [sessionHash])).rows[0];
    return row && { workspace: { id: row.id, name: row.name, created_at: row.created_at }, expires_at: row.expires_at };
  }

  async deleteConsoleSession(sessionHash: string): Promise<void> {
    await this.query(sessions.numbered(sessions.DELETE_CONSOLE_SESSION), [sessionHash]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
