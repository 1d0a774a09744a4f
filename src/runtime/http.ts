/** Sends one HTTP request with undici and reads the whole answer; transport failures become NetworkError or TimeoutError. */
import { request, type Dispatcher } from "undici";
import { NetworkError, TimeoutError } from "../errors.js";
import { watchDeadline } from "./deadline.js";

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body is JSON, the text otherwise, null when empty. */
  body: unknown;
}

export interface HttpOptions {
  dispatcher?: Dispatcher;
  timeoutMs: number;
  signal?: AbortSignal;
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** Below this, a precise timer per request; from it on, undici's timers and the shared coarse deadline (deadline.ts). */
const PRECISE_TIMER_MAX_MS = 1000;

export async function sendHttp(req: HttpRequest, options: HttpOptions): Promise<HttpResponse> {
  const started = Date.now();
  const precise = options.timeoutMs < PRECISE_TIMER_MAX_MS ? AbortSignal.timeout(options.timeoutMs) : undefined;
  const signal = precise && options.signal ? AbortSignal.any([options.signal, precise]) : (precise ?? options.signal);
  let overdue = false;
  try {
    const res = await request(req.url, {
      method: req.method as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body,
      dispatcher: options.dispatcher,
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const unwatch = precise ? undefined : watchDeadline(started + options.timeoutMs, () => ((overdue = true), res.body.destroy()));
    try {
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, body: parseBody(text, res.headers["content-type"]) };
    } finally {
      unwatch?.();
    }
  } catch (error) {
    throw transportError(error, req, options, overdue || !!precise?.aborted);
  }
}

function parseBody(text: string, contentType: string | string[] | undefined): unknown {
  if (text === "") return null;
  const type = String(contentType ?? "");
  if (type.includes("json") || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function transportError(error: unknown, req: HttpRequest, options: HttpOptions, timedOut: boolean): unknown {
  const where = `${req.method} ${redactUrl(req.url)}`;
  if (timedOut || TIMEOUT_CODES.has((error as { code?: string })?.code ?? ""))
    return new TimeoutError(`${where} timed out after ${options.timeoutMs} ms`, options.timeoutMs);
  // The caller cancelled: hand back their reason untouched.
  if (options.signal?.aborted) return options.signal.reason ?? error;
  const code = (error as { code?: string })?.code;
  const detail = code ? `${code}: ${(error as Error).message}` : (error as Error)?.message;
  return new NetworkError(`${where} failed: ${detail}`, { cause: error });
}

/** A URL without its query string, which may carry credentials (api keys, cookies). */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}
