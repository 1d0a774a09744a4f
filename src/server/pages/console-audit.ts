/** The console's audit log: filters from the query (user, connector, status, dates), a page of rows, the NDJSON export. */
import type { Context } from "hono";
import { servedConnectorNames } from "../account-input.js";
import { badRequest } from "../errors.js";
import { decodeCursor, encodeCursor, time } from "../routes/audit.js";
import type { AuditQuery, AuditRow, Store } from "../store/types.js";

export const AUDIT_PAGE_ROWS = 100;
const EXPORT_BATCH = 1000;

export interface AuditFilters {
  user_id?: string;
  connector_type?: string;
  /** ok, error, or "" for both. */
  outcome?: "ok" | "error";
  /** YYYY-MM-DD, as the date inputs send them. */
  from?: string;
  to?: string;
  cursor?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  if (!DAY.test(value) || Number.isNaN(Date.parse(value))) throw badRequest(`${name} must be a date (YYYY-MM-DD)`);
  return value;
}

export function auditFilters(query: Record<string, string>, connectorsDir: string | undefined): AuditFilters {
  const outcome = query.outcome || undefined;
  if (outcome !== undefined && outcome !== "ok" && outcome !== "error") throw badRequest("status must be ok or error");
  const connector = query.connector_type || undefined;
  if (connector !== undefined && !servedConnectorNames(connectorsDir).includes(connector)) throw badRequest(`unknown connector ${connector}`);
  return { user_id: query.user_id || undefined, connector_type: connector, outcome, from: day(query.from, "from"), to: day(query.to, "to"), cursor: query.cursor || undefined };
}

function storeQuery(workspaceId: string, filters: AuditFilters): Omit<AuditQuery, "limit"> {
  return {
    workspace_id: workspaceId,
    user_id: filters.user_id,
    connector_type: filters.connector_type,
    outcome: filters.outcome,
    since: time(filters.from, "from"),
    // The whole of the last day.
    until: filters.to && time(`${filters.to}T23:59:59.999Z`, "to"),
    after: filters.cursor === undefined ? undefined : decodeCursor(filters.cursor),
  };
}

export async function auditPageData(store: Store, workspaceId: string, filters: AuditFilters, connectorsDir: string | undefined): Promise<{ filters: AuditFilters; rows: AuditRow[]; next: string | null; connectors: string[] }> {
  const rows = await store.listAudit({ ...storeQuery(workspaceId, filters), limit: AUDIT_PAGE_ROWS + 1 });
  const page = rows.slice(0, AUDIT_PAGE_ROWS);
  return { filters, rows: page, next: rows.length > AUDIT_PAGE_ROWS ? encodeCursor(page.at(-1)!.id) : null, connectors: servedConnectorNames(connectorsDir) };
}

/** Every matching row, one JSON object a line, read from the store in batches as the download goes. */
export function auditExport(c: Context, store: Store, workspaceId: string, filters: AuditFilters): Response {
  const query = storeQuery(workspaceId, filters);
  let after = query.after;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await store.listAudit({ ...query, after, limit: EXPORT_BATCH });
      if (!rows.length) return controller.close();
      after = rows.at(-1)!.id;
      controller.enqueue(encoder.encode(rows.map((row) => `${JSON.stringify(row)}\n`).join("")));
    },
  });
  return c.body(body, 200, { "Content-Type": "application/x-ndjson", "Content-Disposition": 'attachment; filename="audit.ndjson"' });
}
