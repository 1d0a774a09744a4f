/** Turns an upstream error answer into the typed error a caller can act on, carrying the API's own message. */
import { AuthError, CreditsError, NotFoundError, RateLimitError, UpstreamError, type ConnectorError } from "../errors.js";
import type { ErrorKind, ErrorRule, Manifest } from "../manifest/types.js";
import type { HttpResponse } from "./http.js";
import { getPath } from "./path.js";

const DEFAULT_MESSAGE_PATHS = ["message", "error_description", "error.message", "error", "errors"];
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"];

export interface ErrorContext {
  manifest: Manifest;
  entity: string;
  action: string;
  /** Names of the credential fields in use (never values). */
  credentials: string[];
  variant?: string;
  /** Secret values to scrub from anything the API echoes back. */
  secrets: string[];
}

export function requestId(headers: HttpResponse["headers"]): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name];
    if (value) return String(value);
  }
  return undefined;
}

/** The API's own message: the first string found at the manifest's message paths. */
export function upstreamMessage(manifest: Manifest, body: unknown, secrets: string[]): string | undefined {
  let message: string | undefined;
  for (const path of manifest.errors?.message ?? DEFAULT_MESSAGE_PATHS) {
    const value = getPath(body, path);
    if (typeof value === "string" && value) message = value;
    else if (Array.isArray(value) && value.length) message = value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("; ");
    if (message) break;
  }
  if (!message && typeof body === "string" && body.trim()) message = body.trim().slice(0, 300);
  return message === undefined ? undefined : redact(message, secrets);
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  return out;
}

/** Seconds from Retry-After (seconds or an HTTP date) or a retry_after field in the body. */
export function retryAfterSeconds(response: HttpResponse): number | undefined {
  const header = response.headers["retry-after"];
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw !== undefined) {
    const seconds = Number(raw);
    if (Number.isFinite(seconds)) return Math.max(0, seconds);
    const date = Date.parse(raw);
    if (!Number.isNaN(date)) return Math.max(0, (date - Date.now()) / 1000);
  }
  const fromBody = getPath(response.body, "retry_after");
  return typeof fromBody === "number" ? fromBody : undefined;
}

/** The status that counts: a body status of 400 or more (where the manifest names one) wins over HTTP 2xx. */
export function effectiveStatus(manifest: Manifest, response: HttpResponse): number {
  const path = manifest.errors?.status_path;
  if (!path || response.status >= 300) return response.status;
  const inBody = getPath(response.body, path);
  return typeof inBody === "number" && inBody >= 400 ? inBody : response.status;
}

function kindForStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404 || status === 410) return "not_found";
  if (status === 402) return "credits";
  if (status === 429) return "rate_limit";
  return "upstream";
}

function matchingRule(manifest: Manifest, status: number, message: string | undefined): ErrorRule | undefined {
  return manifest.errors?.rules?.find(
    (rule) =>
      (rule.status === undefined || rule.status === status) &&
      (rule.message_matches === undefined || new RegExp(rule.message_matches, "i").test(message ?? "")),
  );
}

export function errorForResponse(response: HttpResponse, ctx: ErrorContext, status = effectiveStatus(ctx.manifest, response)): ConnectorError {
  const api = ctx.manifest.title;
  const message = upstreamMessage(ctx.manifest, response.body, ctx.secrets);
  const rule = matchingRule(ctx.manifest, status, message);
  const said = message ? `: ${message}` : "";
  const call = `${ctx.manifest.name} ${ctx.entity}.${ctx.action}`;
  const lead = rule?.message ? `${rule.message} ` : "";
  const details = { status, upstreamMessage: message, requestId: requestId(response.headers) };
  switch (rule?.kind ?? kindForStatus(status)) {
    case "auth": {
      const credentials = rule?.credentials ?? ctx.credentials;
      if (rule?.message) return new AuthError(`${lead}(HTTP ${status}${said})`, { reason: rule.reason ?? "invalid", credentials, status });
      if (status === 403)
        return new AuthError(`${api} refused ${call} (HTTP 403${said}); the credentials lack permission for it`, { reason: "forbidden", credentials, status });
      return new AuthError(`${api} rejected the credentials (HTTP ${status}${said}); check ${credentials.join(", ") || "the credentials"}${ctx.variant ? ` (${ctx.variant})` : ""}`, {
        reason: "invalid",
        credentials,
        status,
      });
    }
    case "not_found":
      return new NotFoundError(`${lead}${call}: not found (HTTP ${status}${said})`, details);
    case "credits":
      return new CreditsError(`${lead}${api} refused ${call} for lack of credits (HTTP ${status}${said}); top up the account or lower the call's cost`, { status });
    case "rate_limit": {
      const retryAfter = retryAfterSeconds(response);
      const wait = retryAfter !== undefined ? `; retry after ${Math.ceil(retryAfter)} s` : "";
      return new RateLimitError(`${lead}${api} rate limit reached for ${call}${wait}${said}`, { retryAfter, status });
    }
    default:
      return new UpstreamError(`${lead}${api} answered HTTP ${status} to ${call}${said}`, details);
  }
}
