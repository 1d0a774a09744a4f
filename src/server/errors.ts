/** Errors as HTTP answers: `{ error: { code, message } }` with a status chosen by the error's stable code. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ConnectorError, RateLimitError } from "../errors.js";

/** An error the API itself raises (bad request, unknown id, scope, ...). */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_BY_CODE: Record<string, ContentfulStatusCode> = {
  E_VALIDATION: 400,
  E_AUTH: 401,
  E_NOT_FOUND: 404,
  E_CREDITS: 402,
  E_RATE_LIMIT: 429,
  E_UPSTREAM: 502,
  E_NETWORK: 502,
  E_TIMEOUT: 504,
};

export interface ErrorBody {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  retryAfter?: number;
}

/** Anything thrown, as what the caller may see: the runtime's errors never carry secrets; others are not shown. */
export function describeError(error: unknown): ErrorBody {
  if (error instanceof ApiError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof ConnectorError) {
    const retryAfter = error instanceof RateLimitError ? error.retryAfter : undefined;
    return { status: STATUS_BY_CODE[error.code] ?? 500, code: error.code, message: error.message, retryAfter };
  }
  return { status: 500, code: "E_INTERNAL", message: "internal error" };
}

export function errorResponse(c: Context, error: unknown): Response {
  const body = describeError(error);
  if (body.status === 500 && !(error instanceof ConnectorError) && !(error instanceof ApiError)) console.error(error);
  if (body.retryAfter !== undefined) c.header("Retry-After", String(Math.ceil(body.retryAfter)));
  return c.json({ error: { code: body.code, message: body.message } }, body.status);
}

export const badRequest = (message: string) => new ApiError(400, "E_VALIDATION", message);
export const notFound = (what: string) => new ApiError(404, "E_NOT_FOUND", `${what} not found`);
