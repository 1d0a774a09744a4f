/**
 * `meta.cursor`: an opaque string that resumes a list exactly after the last record handed out, with the same
 * filters. It carries the action, the params (or the URL the API handed out, relative to the base URL) and how many
 * records of that page were already returned, with a checksum so an edited cursor is refused rather than misread.
 * Nothing in it is trusted: on the way back in, its params are validated like any params and its URL can only be
 * below the connection's own base URL, so a forged cursor can ask for nothing a caller could not ask for anyway.
 */
import { createHash } from "node:crypto";
import { ValidationError } from "../errors.js";
import type { Position } from "./pagination.js";

const VERSION = "c1";

interface Payload {
  /** connector, entity, action */
  c: string;
  e: string;
  a: string;
  p: Record<string, unknown>;
  /** The page's URL below the base URL (link pagination). */
  u?: string;
  /** Records of that page already returned. */
  s?: number;
}

export interface CursorTarget {
  connector: string;
  entity: string;
  action: string;
  baseUrl: string;
}

const checksum = (body: string) => createHash("sha256").update(body).digest("base64url").slice(0, 16);

export function encodeCursor(target: CursorTarget, position: Position): string {
  const payload: Payload = { c: target.connector, e: target.entity, a: target.action, p: position.request.params };
  if (position.request.url) payload.u = relativeUrl(position.request.url, target.baseUrl);
  if (position.skip) payload.s = position.skip;
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${VERSION}.${body}.${checksum(body)}`;
}

/** The position a cursor names, after checking it is intact and belongs to this action. */
export function decodeCursor(cursor: unknown, target: CursorTarget): Position {
  const payload = readPayload(cursor);
  const { connector, entity, action } = target;
  if (payload.c !== connector || payload.e !== entity || payload.a !== action)
    throw new ValidationError(`this cursor continues ${payload.c} ${payload.e}.${payload.a}, not ${connector} ${entity}.${action}; call that action with it`, [
      { param: "cursor", message: "belongs to another action" },
    ]);
  const request = payload.u === undefined ? { params: payload.p } : { params: payload.p, url: absoluteUrl(payload.u, target.baseUrl) };
  return { request, skip: payload.s ?? 0 };
}

/** The connector, entity and action a cursor continues (checked intact, not yet against any call). */
export function cursorAction(cursor: unknown): { connector: string; entity: string; action: string } {
  const { c, e, a } = readPayload(cursor);
  return { connector: c, entity: e, action: a };
}

function readPayload(cursor: unknown): Payload {
  const invalid = (why: string) => new ValidationError(`invalid cursor: ${why}; pass meta.cursor exactly as a result gave it`, [{ param: "cursor", message: why }]);
  if (typeof cursor !== "string" || cursor === "") throw invalid("it must be the non-empty string from meta.cursor");
  const [version, body, sum, ...rest] = cursor.split(".");
  if (version !== VERSION || !body || !sum || rest.length) throw invalid("it is not a cursor this runtime made");
  if (checksum(body) !== sum) throw invalid("it was changed or cut");
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Payload;
  } catch {
    throw invalid("it was changed or cut");
  }
  const wellFormed =
    typeof payload === "object" && payload !== null && [payload.c, payload.e, payload.a].every((v) => typeof v === "string") &&
    typeof payload.p === "object" && payload.p !== null && !Array.isArray(payload.p) &&
    (payload.u === undefined || typeof payload.u === "string") && (payload.s === undefined || (Number.isSafeInteger(payload.s) && payload.s >= 0));
  if (!wellFormed) throw invalid("it is not a cursor this runtime made");
  return payload;
}

/**
 * A URL below the base URL is kept as what follows the base (so the cursor works through a proxy or another base URL
 * too); any other is kept as "@" and its path on the base URL's host (link pagination only follows links there).
 */
function relativeUrl(url: string, baseUrl: string): string {
  if (url.startsWith(`${baseUrl}/`) || url.startsWith(`${baseUrl}?`)) return url.slice(baseUrl.length);
  const { pathname, search } = new URL(url);
  return `@${pathname}${search}`;
}

function absoluteUrl(relative: string, baseUrl: string): string {
  const url = relative.startsWith("@/") ? new URL(relative.slice(1), baseUrl) : /^[/?]/.test(relative) ? new URL(baseUrl + relative) : undefined;
  if (!url || url.origin !== new URL(baseUrl).origin)
    throw new ValidationError("invalid cursor: its page address is not on the API's host", [{ param: "cursor", message: "bad page address" }]);
  return url.toString();
}
