/**
 * The round trip every simulated host shares: read the request, record it, run the host's handler,
 * and write its JSON reply (or the ReplyError it threw) with an X-Request-Id.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { headerRecord, newRequestId, readBody, sendJson } from "./http.js";

export interface Exchange {
  method: string;
  /** Path below the host's mount point, e.g. "/time_entries". */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  /** Also the X-Request-Id header of the answer. */
  requestId: string;
}

export interface Reply {
  status: number;
  /** undefined: empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by a handler to answer with this status, body and headers; each API subclasses it for its own error bodies. */
export class ReplyError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    api = "Sandbox",
  ) {
    super(`${api} sandbox error ${status}`);
  }
}

export async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  record: (exchange: Exchange) => void,
  handle: (exchange: Exchange) => Reply | Promise<Reply>,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sandbox");
  const exchange: Exchange = {
    method: req.method ?? "GET",
    path,
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
    if (!(error instanceof ReplyError)) throw error;
    reply = { status: error.status, body: error.body, headers: error.headers };
  }
  sendJson(res, reply.status, reply.body, { ...reply.headers, "X-Request-Id": exchange.requestId });
}

/** What tests can inspect about a request a client sent to one of an API's hosts. */
export interface LoggedRequest<Host extends string> {
  host: Host;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

/** Keeps a long-running sandbox (the CLI's) from growing without bound. */
const MAX_LOGGED_REQUESTS = 10_000;

/** Appends the request to `log`, which keeps the latest 10,000. */
export function logRequest<R>(log: R[], entry: R): void {
  log.push(entry);
  if (log.length > MAX_LOGGED_REQUESTS) log.shift();
}

export function loggedRequest<Host extends string>(host: Host, exchange: Exchange): LoggedRequest<Host> {
  const { method, path, query, headers } = exchange;
  return { host, method, path, query, headers };
}
