/** Harvest's error bodies, thrown by handlers and written by the request pipeline. */
import { ReplyError } from "../exchange.js";

export class HarvestError extends ReplyError {
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(status, body, headers, "Harvest");
  }
}

export const notFound = (): HarvestError => new HarvestError(404, { status: 404, error: "Not Found" });

/** Validation failures: Harvest answers 422 with one human-readable message. */
export const unprocessable = (message: string): HarvestError => new HarvestError(422, { message });

/** Found, but this user may not do that (e.g. a member changing a locked time entry). */
export const forbidden = (message: string): HarvestError => new HarvestError(403, { status: 403, error: "Forbidden", message });

export const badRequest = (message: string): HarvestError =>
  new HarvestError(400, { status: 400, error: "Bad Request", message });

const INVALID_TOKEN_DESCRIPTION = "The access token provided is expired, revoked, malformed or invalid for other reasons.";

/**
 * Harvest's 401. It also answers a missing or foreign Harvest-Account-Id this way (same status and
 * error code), so `description` can say which header is wrong.
 */
export const invalidToken = (description = INVALID_TOKEN_DESCRIPTION): HarvestError =>
  new HarvestError(401, { error: "invalid_token", error_description: description });

export const tooManyRequests = (retryAfterSeconds: number): HarvestError =>
  new HarvestError(
    429,
    { status: 429, error: "Too Many Requests", message: `API rate limit exceeded. Retry after ${retryAfterSeconds} seconds.` },
    { "Retry-After": String(retryAfterSeconds) },
  );

/** RFC 6749 token endpoint errors (invalid_client, invalid_grant, ...). */
export const oauthError = (status: number, error: string, description: string): HarvestError =>
  new HarvestError(status, { error, error_description: description });
