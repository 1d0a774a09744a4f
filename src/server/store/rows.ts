/** Converting between the stores' flat rows and the records the API works with (shared by both dialects). */
import type { SealedRecord } from "../../credentials/cipher.js";
import type { AccountChanges, AuditQuery, AuditRow, ConnectedAccount } from "./types.js";

/** Column values of an account row, in ACCOUNT_COLUMNS order. */
export const ACCOUNT_COLUMNS = [
  "id",
  "workspace_id",
  "connector_type",
  "name",
  "user_id",
  "account",
  "auth_variant",
  "scopes",
  "read_only",
  "status",
  "credentials_key_id",
  "credentials_sealed",
  "created_at",
  "updated_at",
] as const;

export type AccountRow = Record<(typeof ACCOUNT_COLUMNS)[number], unknown>;

/** The key id gets its own column (rotation finds records by it); nonce, ciphertext and tag go together. */
function sealedColumns(sealed: SealedRecord | null): { credentials_key_id: string | null; credentials_sealed: string | null } {
  if (!sealed) return { credentials_key_id: null, credentials_sealed: null };
  const { key_id, ...rest } = sealed;
  return { credentials_key_id: key_id, credentials_sealed: JSON.stringify(rest) };
}

export function accountToRow(account: ConnectedAccount, bool: (b: boolean) => unknown): AccountRow {
  return {
    ...account,
    scopes: account.scopes === null ? null : JSON.stringify(account.scopes),
    read_only: bool(account.read_only),
    ...sealedColumns(account.credentials),
  };
}

export function rowToAccount(row: AccountRow): ConnectedAccount {
  const sealed = row.credentials_sealed ? { key_id: String(row.credentials_key_id), ...(JSON.parse(String(row.credentials_sealed)) as Omit<SealedRecord, "key_id">) } : null;
  return {
    id: String(row.id),
    workspace_id: String(row.workspace_id),
    connector_type: String(row.connector_type),
    name: String(row.name),
    user_id: String(row.user_id),
    account: String(row.account),
    auth_variant: String(row.auth_variant),
    scopes: row.scopes === null ? null : (JSON.parse(String(row.scopes)) as string[]),
    read_only: row.read_only === true || row.read_only === 1,
    status: row.status as ConnectedAccount["status"],
    credentials: sealed,
    created_at: String(row.created_at),
    updated_at: String(row.updated_at),
  };
}

/** The SET part of an account update as column -> value. */
export function changeColumns(changes: AccountChanges, bool: (b: boolean) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (changes.name !== undefined) out.name = changes.name;
  if (changes.auth_variant !== undefined) out.auth_variant = changes.auth_variant;
  if (changes.status !== undefined) out.status = changes.status;
  if (changes.read_only !== undefined) out.read_only = bool(changes.read_only);
  if (changes.scopes !== undefined) out.scopes = changes.scopes === null ? null : JSON.stringify(changes.scopes);
  if (changes.credentials !== undefined) Object.assign(out, sealedColumns(changes.credentials));
  return out;
}

export function rowToAudit(row: Record<string, unknown>): AuditRow {
  return {
    id: Number(row.id),
    time: String(row.time),
    workspace_id: String(row.workspace_id),
    user_id: String(row.user_id),
    connector_id: String(row.connector_id),
    connector_type: String(row.connector_type),
    entity: String(row.entity),
    action: String(row.action),
    outcome: String(row.outcome),
    reason: row.reason === null || row.reason === undefined ? null : String(row.reason),
    upstream_status: row.upstream_status === null ? null : Number(row.upstream_status),
    duration_ms: Number(row.duration_ms),
    cost: row.cost === null ? null : Number(row.cost),
    params: JSON.parse(String(row.params)),
  };
}

export const AUDIT_COLUMNS = [
  "time",
  "workspace_id",
  "user_id",
  "connector_id",
  "connector_type",
  "entity",
  "action",
  "outcome",
  "reason",
  "upstream_status",
  "duration_ms",
  "cost",
  "params",
] as const;

export function auditToValues(row: Omit<AuditRow, "id">): unknown[] {
  return AUDIT_COLUMNS.map((column) => (column === "params" ? JSON.stringify(row.params) : row[column]));
}

/**
 * What rotation writes for one stored credential: the record resealed, or, when it cannot be opened (reseal throws, or
 * the row's sealed form cannot even be read), the record cleared and the account set to needs_reauth, with the reason.
 * One damaged record must neither stop every other tenant's rotation nor be left under a key the store no longer names.
 */
export function resealRow(row: AccountRow, reseal: (id: string, sealed: SealedRecord) => SealedRecord): { id: string; columns: Record<string, unknown>; failed?: string } {
  const id = String(row.id);
  let sealed: SealedRecord;
  try {
    sealed = rowToAccount(row).credentials!;
  } catch {
    return { id, columns: UNREADABLE, failed: "its sealed credentials are not in a form this version can read" };
  }
  try {
    return { id, columns: sealedColumns(reseal(id, sealed)) };
  } catch (error) {
    return { id, columns: UNREADABLE, failed: (error as Error).message };
  }
}

const UNREADABLE = { credentials_key_id: null, credentials_sealed: null, status: "needs_reauth" };

/** WHERE clauses of an audit query, with a placeholder maker ($1 or ?). */
export function auditWhere(query: Omit<AuditQuery, "limit">, placeholder: (n: number) => string) {
  const values: unknown[] = [];
  const clauses: string[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    clauses.push(sql.replace("?", placeholder(values.length)));
  };
  add("workspace_id = ?", query.workspace_id);
  if (query.connector_id !== undefined) add("connector_id = ?", query.connector_id);
  if (query.connector_type !== undefined) add("connector_type = ?", query.connector_type);
  if (query.outcome === "error") add("outcome <> ?", "ok");
  else if (query.outcome !== undefined) add("outcome = ?", query.outcome);
  if (query.user_id !== undefined) add("user_id = ?", query.user_id);
  if (query.since !== undefined) add("time >= ?", query.since);
  if (query.until !== undefined) add("time <= ?", query.until);
  if (query.after !== undefined) add("id > ?", query.after);
  return { sql: clauses.join(" AND "), values };
}
