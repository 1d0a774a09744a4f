/** One request/response round trip: reads the request, records it, awaits a handler, writes JSON with X-Request-Id. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { headerRecord, newRequestId, readBody, sendJson } from "../http.js";
import { HarvestApiError } from "./errors.js";

export interface Exchange {
  method: string;
  /** Path below the host's mount point, e.g. "/linkedin/profile". */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  /** Also the X-Request-Id header of the answer. */
  requestId: string;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A request body as tests see it in the request log: parsed JSON, else the raw text; undefined when empty. */
export function loggedBody(rawBody: string): unknown {
  if (rawBody === "") return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

export async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  record: (exchange: Exchange) => void,
  handle: (exchange: Exchange) => Promise<Reply>,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sandbox");
  const exchange: Exchange = {
    method: req.method ?? "GET",
    path: path.length > 1 ? path.replace(/\/+$/, "") : path,
    query: Object.fromEntries(url.searchParams),
    headers: headerRecord(req),
    rawBody: await readBody(req),
    requestId: newRequestId(),
  };
  record(exchange);
  let reply: Reply;
  try {
    reply = await handle(exchange);
  } catch (error) {
    if (!(error instanceof HarvestApiError)) throw error;
    reply = { status: error.status, body: error.body, headers: error.headers };
  }
  sendJson(res, reply.status, reply.body, { ...reply.headers, "X-Request-Id": exchange.requestId });
}
