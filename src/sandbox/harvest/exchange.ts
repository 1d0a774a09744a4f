/** One request/response round trip: reads the request, records it, runs a handler, writes JSON with X-Request-Id. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { headerRecord, newRequestId, readBody, sendJson } from "../http.js";
import { HarvestError } from "./errors.js";
import type { Reply } from "./router.js";

export interface Exchange {
  method: string;
  /** Path below the host's mount point. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
}

/** What tests can inspect about the requests a client sent. */
export interface RequestRecord {
  /** "api": api.harvestapp.com/v2; "id": id.getharvest.com/api/v2. */
  host: "api" | "id";
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

export async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  record: (exchange: Exchange) => void,
  handle: (exchange: Exchange) => Reply,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sandbox");
  const exchange: Exchange = {
    method: req.method ?? "GET",
    path,
    query: Object.fromEntries(url.searchParams),
    headers: headerRecord(req),
    rawBody: await readBody(req),
  };
  record(exchange);
  let reply: Reply;
  let headers: Record<string, string> = {};
  try {
    reply = handle(exchange);
  } catch (error) {
    if (!(error instanceof HarvestError)) throw error;
    reply = { status: error.status, body: error.body };
    headers = error.headers;
  }
  sendJson(res, reply.status, reply.body, { ...headers, "X-Request-Id": newRequestId() });
}
