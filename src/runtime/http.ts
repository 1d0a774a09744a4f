/**
 * Sends one HTTP request with undici and reads the whole answer, up to a size cap; transport failures become
 * NetworkError or TimeoutError, an answer over the cap an UpstreamBodyError.
 */
import { StringDecoder } from "node:string_decoder";
import { request, type Dispatcher } from "undici";
import { ConnectorError, NetworkError, TimeoutError, UpstreamBodyError } from "../errors.js";
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
  /** The body is text that is not JSON (an HTML page from a proxy, a cut answer): `body` holds that text. */
  unparsed?: true;
}

export interface HttpOptions {
  dispatcher?: Dispatcher;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Largest body read, in bytes (default DEFAULT_MAX_RESPONSE_BYTES); a larger one is refused without being held. */
  maxResponseBytes?: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

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
      const text = await readCapped(res, req, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      return { status: res.statusCode, headers: res.headers, ...parseBody(text, res.headers["content-type"]) };
    } finally {
      unwatch?.();
    }
  } catch (error) {
    throw transportError(error, req, options, overdue || !!precise?.aborted);
  }
}

type Answer = Dispatcher.ResponseData;

/** The body as text, refused (and the connection dropped) as soon as it passes `cap` bytes. */
async function readCapped(res: Answer, req: HttpRequest, cap: number): Promise<string> {
  const tooLarge = () => {
    res.body.destroy();
    return new UpstreamBodyError(`${req.method} ${redactUrl(req.url)} answered HTTP ${res.statusCode} with a body over ${cap} bytes (the maxResponseBytes connect option); ask for fewer records per page or raise the limit`, {
      status: res.statusCode,
      bodyStart: "",
    });
  };
  const length = Number(res.headers["content-length"]);
  if (length > cap) throw tooLarge();
  // A declared length within the cap bounds the body (undici refuses more than it declares): undici's own reader.
  if (length >= 0) return res.body.text();
  // Events rather than an async iterator: a promise per chunk costs more than the bytes do.
  // Decoded chunk by chunk (a multi-byte character split between chunks is kept whole): no copy into one buffer.
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder("utf8");
    let text = "";
    let size = 0;
    res.body.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) reject(tooLarge());
      else text += decoder.write(chunk);
    });
    res.body.once("end", () => resolve(text + decoder.end()));
    res.body.once("error", reject);
  });
}

function parseBody(text: string, contentType: string | string[] | undefined): Pick<HttpResponse, "body" | "unparsed"> {
  if (text === "") return { body: null };
  const type = String(contentType ?? "");
  if (type.includes("json") || /^\s*[[{]/.test(text)) {
    try {
      return { body: JSON.parse(text) };
    } catch {
      // Said to be JSON, or shaped like it, but cut or broken.
    }
  }
  return { body: text, unparsed: true };
}

function transportError(error: unknown, req: HttpRequest, options: HttpOptions, timedOut: boolean): unknown {
  // Our own refusal of the answer (too large) is already the right error.
  if (error instanceof ConnectorError) return error;
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
