/**
 * msw handlers served over node:http. Each path prefix stands for a real base URL (/harvest/v2 for
 * https://api.harvestapp.com/v2): requests are mapped onto the real URL the handlers match, and answers are
 * mapped back, so that links the API hands out (Harvest's links.next, a Location) lead to this server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "msw";
import { jsonResponse, newRequestId } from "./http.js";
import { answerFrom } from "./msw/answer.js";
import { responseHeaders } from "./msw/fetch.js";

export interface Mount {
  /** e.g. "/harvest/v2" */
  prefix: string;
  /** e.g. "https://api.harvestapp.com/v2" */
  url: string;
  /** The sandbox serving it: only its handlers are tried for requests through this prefix. */
  sandbox: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const TEXTUAL = /json|text|xml|javascript|urlencoded/;

/** The prefix table of a server at `origin`, both ways. */
export class Layout {
  readonly mounts: Mount[];
  /** Any mounted real URL, not followed by more of a host name. */
  readonly #realUrls: RegExp;

  constructor(
    mounts: readonly Mount[],
    readonly origin: string,
  ) {
    // Longest first, so /harvest-id/api/v2 would win over /harvest-id.
    this.mounts = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
    const byUrl = [...mounts].sort((a, b) => b.url.length - a.url.length);
    this.#realUrls = new RegExp(`(${byUrl.map((mount) => escape(mount.url)).join("|")})(?![\\w.-])`, "g");
  }

  /** The real URL a request to this server stands for, and its mount; undefined outside every prefix. */
  realUrl(pathAndQuery: string): { url: string; mount: Mount } | undefined {
    const url = new URL(pathAndQuery, this.origin);
    const mount = this.mounts.find(({ prefix }) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
    return mount && { url: mount.url + url.pathname.slice(mount.prefix.length) + url.search, mount };
  }

  /** `text` with every mounted real URL moved onto this server. */
  toPublic(text: string): string {
    return text.replace(this.#realUrls, (real) => this.origin + this.mounts.find((mount) => mount.url === real)!.prefix);
  }
}

async function fetchRequest(req: IncomingMessage, url: string): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Request(url, { method, headers, body: Buffer.concat(chunks) });
}

async function send(res: ServerResponse, response: Response, layout: Layout): Promise<void> {
  const headers = responseHeaders(response);
  let body = Buffer.from(await response.arrayBuffer());
  if (TEXTUAL.test(String(headers["content-type"] ?? ""))) body = Buffer.from(layout.toPublic(body.toString("utf8")));
  if (typeof headers.location === "string") headers.location = layout.toPublic(headers.location);
  delete headers["transfer-encoding"];
  // No status text of its own: Node's standard one ("404 Not Found").
  res.writeHead(response.status, response.statusText || undefined, { ...headers, "content-length": String(body.length) });
  res.end(body);
}

function notServed(message: string): Response {
  return jsonResponse(404, { status: 404, error: "Not Found", message }, { "X-Request-Id": newRequestId() });
}

/** Answers one request from the handlers of the sandbox behind its prefix; a network-error answer (Response.error()) drops the connection. */
export async function serveRequest(req: IncomingMessage, res: ServerResponse, handlersAt: (mount: Mount) => RequestHandler[], layout: Layout): Promise<void> {
  const target = layout.realUrl(req.url ?? "/");
  if (!target) {
    const prefixes = layout.mounts.map((mount) => mount.prefix).join(", ");
    return send(res, notServed(`No simulated API is mounted at ${req.url}; prefixes: ${prefixes}`), layout);
  }
  const request = await fetchRequest(req, target.url);
  const response = (await answerFrom(handlersAt(target.mount), request)) ?? notServed(`No simulated endpoint answers ${req.method} ${target.url}`);
  if (response.type === "error") {
    res.destroy();
    return;
  }
  return send(res, response, layout);
}
