/**
 * HarvestAPI's HTTP-level errors. Every one has the body shape of its 401, `{"error":{"error": message}}`
 * (the shape HarvestAPI's own SDK reads), sometimes with a few details beside the message.
 * Misses are not errors: they are HTTP 200 envelopes with `status: 404` (see envelope.ts).
 */
import { ReplyError } from "../exchange.js";

export class HarvestApiError extends ReplyError {
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(status, body, headers, "HarvestAPI");
  }
}

function failure(status: number, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return new HarvestApiError(status, { error: { error: message, ...details } }, headers);
}

export const invalidApiKey = (): HarvestApiError => failure(401, "Invalid API key");

export const cookieRequired = (): HarvestApiError =>
  failure(400, "cookie is required: pass the li_at session cookie of your LinkedIn account as the query parameter 'cookie'");

/** Distinct from invalidApiKey: the API key is fine, the user's LinkedIn session is not. */
export const linkedInSessionExpired = (): HarvestApiError =>
  failure(401, "LinkedIn session expired: li_at cookie is invalid");

export const creditsExhausted = (balanceUsd: number, costUsd: number): HarvestApiError =>
  failure(402, `Not enough credits: this request costs $${costUsd} and your balance is $${balanceUsd}. Top up your balance to continue.`, {
    balance: balanceUsd,
    cost: costUsd,
  });

export const concurrencyExceeded = (concurrency: number, queueSize: number): HarvestApiError =>
  failure(
    429,
    `Too many concurrent requests: your plan allows ${concurrency} requests in flight and ${queueSize} waiting. Retry when a request has finished.`,
    { concurrency },
    { "Retry-After": "1" },
  );

export const badRequest = (message: string): HarvestApiError => failure(400, message);

export const unprocessable = (message: string): HarvestApiError => failure(422, message);

/** An unknown route: HarvestAPI runs on NestJS, whose default 404 body this is. */
export const routeNotFound = (method: string, path: string): HarvestApiError =>
  new HarvestApiError(404, { message: `Cannot ${method} ${path}`, error: "Not Found", statusCode: 404 });
