/** Between undici's dispatch options and the Fetch API msw speaks: a Request from the options, headers from a Response. */
import type { Dispatcher } from "undici";

type RequestBody = Dispatcher.DispatchOptions["body"] | AsyncIterable<Uint8Array | string>;

/** Methods whose Fetch Request cannot carry a body (undici sends one anyway; msw could not see it). */
const BODILESS = new Set(["GET", "HEAD"]);

export function requestUrl(opts: Dispatcher.DispatchOptions): string {
  const url = new URL(opts.path, opts.origin);
  for (const [name, value] of Object.entries(opts.query ?? {})) url.searchParams.append(name, String(value));
  return url.toString();
}

/** undici takes headers as a record, a flat [name, value, ...] array or an iterable of pairs. */
export function requestHeaders(headers: Dispatcher.DispatchOptions["headers"]): Headers {
  const result = new Headers();
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    for (const item of Array.isArray(value) ? value : [value]) result.append(name, String(item));
  };
  if (!headers) return result;
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) add(String(headers[i]), headers[i + 1]);
  } else if (Symbol.iterator in headers) {
    for (const [name, value] of headers as Iterable<[string, unknown]>) add(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return result;
}

/** The whole request body: undici streams it to a socket, here it is read first. */
export async function bufferedBody(body: RequestBody): Promise<string | Uint8Array | FormData | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array || body instanceof FormData) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export function fetchRequest(opts: Dispatcher.DispatchOptions, body: string | Uint8Array | FormData | undefined, signal: AbortSignal): Request {
  const method = opts.method.toUpperCase();
  return new Request(requestUrl(opts), {
    method,
    headers: requestHeaders(opts.headers),
    // Bytes, so that Fetch adds no Content-Type of its own to a string body.
    body: BODILESS.has(method) || body === undefined ? undefined : ((typeof body === "string" ? Buffer.from(body) : body) as BodyInit),
    signal,
  });
}

/** Response headers as undici hands them to a handler: lower-case names, repeated Set-Cookie as an array. */
export function responseHeaders(response: Response): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  return headers;
}
