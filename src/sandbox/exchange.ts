/**
 * The round trip every simulated host shares, as msw resolvers: read the request, record it, run the host's
 * handler, and answer its JSON reply (or the ReplyError it threw) with an X-Request-Id.
 */
import type { DefaultBodyType, HttpHandler, HttpResponseResolver, PathParams } from "msw";
import { http } from "msw/core/http";
import { headerRecord, jsonResponse, newRequestId } from "./http.js";

export interface Exchange {
  method: string;
  /** Path below the host's base URL, e.g. "/time_entries". */
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

/** Runs a host's handler for one request; its params are the route's path parameters. */
export type Handle = (exchange: Exchange, params: Record<string, string>) => Reply | Promise<Reply>;

export type Recorder = (exchange: Exchange) => void;

const textParams = (params: PathParams): Record<string, string> =>
  Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value.join("/") : String(value)]));

async function exchangeOf(request: Request, basePath: string): Promise<Exchange> {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname.slice(basePath.length) || "/",
    query: Object.fromEntries(url.searchParams),
    headers: headerRecord(request.headers),
    rawBody: await request.text(),
    requestId: newRequestId(),
  };
}

/** An msw resolver for a host whose real base URL is `base` (Exchange.path is the part below it). */
export function resolver(base: string, record: Recorder, handle: Handle): HttpResponseResolver<PathParams, DefaultBodyType, undefined> {
  const basePath = new URL(base).pathname.replace(/\/+$/, "");
  return async ({ request, params }) => {
    const exchange = await exchangeOf(request, basePath);
    record(exchange);
    let reply: Reply;
    try {
      reply = await handle(exchange, textParams(params));
    } catch (error) {
      if (!(error instanceof ReplyError)) throw error;
      reply = { status: error.status, body: error.body, headers: error.headers };
    }
    return jsonResponse(reply.status, reply.body, { ...reply.headers, "X-Request-Id": exchange.requestId });
  };
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * The URL pattern `base` + "/projects/:id" as the regular expression msw matches it with (":name" one path segment,
 * a trailing slash allowed). Compiled once here: msw compiles a string pattern again on every request it tries it on.
 */
export function urlPattern(base: string, pattern: string): RegExp {
  const path = escapeRegExp(pattern).replace(/:(\w+)/g, "(?<$1>[^/]+)");
  return new RegExp(`^${escapeRegExp(base)}${path}/?$`);
}

/** A simulated host at its real base URL: msw handlers for its routes, and one for every other path below it. */
export function simulatedHost(base: string, record: Recorder) {
  return {
    route: (method: Method, pattern: string, handle: Handle): HttpHandler =>
      http[method.toLowerCase() as Lowercase<Method>](urlPattern(base, pattern), resolver(base, record, handle)),
    otherPaths: (handle: Handle): HttpHandler => http.all(new RegExp(`^${escapeRegExp(base)}/`), resolver(base, record, handle)),
  };
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
