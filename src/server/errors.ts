/** Errors as HTTP answers: `{ error: { code, message } }` with a status chosen by the error's stable code. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ConnectorError, RateLimitError, type ErrorCode } from "../errors.js";

/** An error the API itself raises about its own resources (bad request, unknown id, revoked account, ...). */
export class ApiError<C extends ErrorCode = ErrorCode> extends ConnectorError<C> {
  constructor(
    readonly status: ContentfulStatusCode,
    code: C,
    message: string,
  ) {
    super(code, message);
  }
}

/** Every code the project produces, as an HTTP status: one table, so a refusal has one status whichever face it came from. */
const STATUS_BY_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  E_MANIFEST: 500,
  E_VALIDATION: 400,
  E_SCOPE: 403,
  E_FORBIDDEN: 403,
  E_AUTH: 401,
  E_NOT_FOUND: 404,
  E_REVOKED: 409,
  E_OAUTH_STATE: 400,
  E_OAUTH_DENIED: 400,
  E_CREDITS: 402,
  E_TOO_LARGE: 413,
  E_RATE_LIMIT: 429,
  E_UPSTREAM: 502,
  E_UPSTREAM_BODY: 502,
  E_NETWORK: 502,
  E_TIMEOUT: 504,
  // nginx's "client closed request": nobody reads it, but an access log tells it from a failure.
  E_CANCELLED: 499 as ContentfulStatusCode,
  E_INTERNAL: 500,
  // A script that throws or does not parse is the caller's to fix; a limit reached is the caller's to raise or respect.
  E_SCRIPT: 400,
  E_LIMIT: 422,
};

export interface ErrorBody {
  status: ContentfulStatusCode;
  code: ErrorCode;
  message: string;
  retryAfter?: number;
}

/** Anything thrown, as what the caller may see: the runtime's errors never carry secrets; others are not shown. */
export function describeError(error: unknown): ErrorBody {
  if (error instanceof ApiError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof ConnectorError) {
    const retryAfter = error instanceof RateLimitError ? error.retryAfter : undefined;
    const code: ErrorCode = error.code;
    return { status: STATUS_BY_CODE[code], code, message: error.message, retryAfter };
  }
  return { status: 500, code: "E_INTERNAL", message: "internal error" };
}

export function errorResponse(c: Context, error: unknown): Response {
  const body = describeError(error);
  if (body.status === 500 && !(error instanceof ConnectorError)) console.error(error);
  if (body.retryAfter !== undefined) c.header("Retry-After", String(Math.ceil(body.retryAfter)));
  return c.json({ error: { code: body.code, message: body.message } }, body.status);
}

export const badRequest = (message: string) => new ApiError(400, "E_VALIDATION", message);
export const notFound = (what: string) => new ApiError(404, "E_NOT_FOUND", `${what} not found`);
