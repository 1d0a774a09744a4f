/** GET /api/v1/audit: the workspace's execute calls, oldest first, in pages with a `next` cursor; JSON or NDJSON. */
import { Hono } from "hono";
import type { AppEnv, Services } from "../app-env.js";
import { badRequest } from "../errors.js";

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1000;

/** Opaque to callers; it holds the last row's id. Filters must be sent again with it. */
export const encodeCursor = (id: number) => Buffer.from(`a:${id}`).toString("base64url");

export function decodeCursor(cursor: string): number {
  const match = /^a:(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  // Ids are below 2^53 (the store's counter, read as a JavaScript number): a longer one was never given out.
  if (!match) throw badRequest("cursor is not one this API gave out");
  return Number(match[1]);
}

export function time(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw badRequest(`${name} must be an ISO 8601 date or time`);
  return new Date(ms).toISOString();
}

function limitOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_AUDIT_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_AUDIT_LIMIT) throw badRequest(`limit must be a whole number from 1 to ${MAX_AUDIT_LIMIT}`);
  return n;
}

export function auditRoutes({ store }: Services): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/", async (c) => {
    const q = c.req.query();
    const format = q.format ?? "json";
    if (format !== "json" && format !== "ndjson") throw badRequest("format must be json or ndjson");
    const limit = limitOf(q.limit);
    // One more than asked says whether there is a next page.
    const rows = await store.listAudit({
      workspace_id: c.get("workspace").id,
      connector_id: q.connector_id,
      user_id: q.user_id,
      since: time(q.since, "since"),
      until: time(q.until, "until"),
      after: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const next = rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null;
    if (format === "json") return c.json({ data: page, next });
    if (next) c.header("X-Next-Cursor", next);
    return c.body(page.map((row) => `${JSON.stringify(row)}\n`).join(""), 200, { "Content-Type": "application/x-ndjson" });
  });
}
