/** Checks connect() options once, so a typo becomes a clear error rather than a silent spin or a stall. */
import { ValidationError, type ParamIssue } from "../errors.js";
import type { ConnectOptions } from "./connector.js";

const positive = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n > 0;
const wholeAtLeast = (n: unknown, min: number) => Number.isInteger(n) && (n as number) >= min;

export function checkConnectOptions(options: ConnectOptions): void {
  const issues: ParamIssue[] = [];
  const bad = (param: string, message: string) => issues.push({ param, message });
  if (options.timeout !== undefined && !positive(options.timeout)) bad("timeout", "must be a positive number of milliseconds");
  if (options.retries !== undefined && !wholeAtLeast(options.retries, 0)) bad("retries", "must be a whole number, 0 or more");
  if (options.maxRetryAfter !== undefined && !(Number.isFinite(options.maxRetryAfter) && options.maxRetryAfter >= 0))
    bad("maxRetryAfter", "must be a finite number of seconds, 0 or more");
  if (options.rateLimit) {
    if (!wholeAtLeast(options.rateLimit.requests, 1)) bad("rateLimit.requests", "must be a whole number, 1 or more");
    if (!positive(options.rateLimit.perSeconds)) bad("rateLimit.perSeconds", "must be a positive number of seconds");
  }
  if (options.concurrency !== undefined && options.concurrency !== false && !wholeAtLeast(options.concurrency, 1))
    bad("concurrency", "must be a whole number, 1 or more, or false");
  if (issues.length > 0) throw new ValidationError("invalid connect() options", issues);
}
