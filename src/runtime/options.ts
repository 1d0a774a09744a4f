/** Checks connect() and execute() options once, so a typo or a wrong type becomes a clear error rather than a silent spin or a stall. */
import { ValidationError, type ParamIssue } from "../errors.js";
import { preview } from "./limits.js";
import type { ConnectOptions, ExecuteOptions } from "./types.js";

/** Far above any cursor a result hands out, far below what could cost anything to check. */
const MAX_CURSOR_LENGTH = 64 * 1024;

const positive = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n > 0;
const wholeAtLeast = (n: unknown, min: number) => Number.isInteger(n) && (n as number) >= min;
const optionalBoolean = (value: unknown) => value === undefined || typeof value === "boolean";

export function checkConnectOptions(options: ConnectOptions): void {
  const issues: ParamIssue[] = [];
  const bad = (param: string, message: string) => issues.push({ param, message });
  if (typeof options !== "object" || options === null) throw new ValidationError("connect() options must be an object");
  if (options.timeout !== undefined && !positive(options.timeout)) bad("timeout", "must be a positive number of milliseconds");
  if (options.maxResponseBytes !== undefined && !wholeAtLeast(options.maxResponseBytes, 1)) bad("maxResponseBytes", "must be a whole number of bytes, 1 or more");
  if (options.retries !== undefined && !wholeAtLeast(options.retries, 0)) bad("retries", "must be a whole number, 0 or more");
  if (options.maxRetryAfter !== undefined && !(typeof options.maxRetryAfter === "number" && Number.isFinite(options.maxRetryAfter) && options.maxRetryAfter >= 0))
    bad("maxRetryAfter", "must be a finite number of seconds, 0 or more");
  if (options.rateLimit) {
    if (!wholeAtLeast(options.rateLimit.requests, 1)) bad("rateLimit.requests", "must be a whole number, 1 or more");
    if (!positive(options.rateLimit.perSeconds)) bad("rateLimit.perSeconds", "must be a positive number of seconds");
  }
  if (options.concurrency !== undefined && options.concurrency !== false && !wholeAtLeast(options.concurrency, 1))
    bad("concurrency", "must be a whole number, 1 or more, or false");
  for (const flag of ["preflight", "sandbox", "readOnly"] as const) if (!optionalBoolean(options[flag])) bad(flag, "must be true or false");
  if (options.sandbox && options.dispatcher)
    bad("dispatcher", "cannot be combined with sandbox: true; to mix your own handlers with a sandbox's, pass mockDispatcher([...yours, ...sandboxHandlers(name)]) from agent-connectors/testing");
  if (issues.length > 0) throw new ValidationError("invalid connect() options", issues);
}

export function checkExecuteOptions(options: ExecuteOptions): void {
  if (typeof options !== "object" || options === null) throw new ValidationError("execute() options must be an object");
  const issues: ParamIssue[] = [];
  const bad = (param: string, message: string) => issues.push({ param, message: `${message} (got ${describe(options[param as keyof ExecuteOptions])})` });
  for (const flag of ["all", "preflight"] as const) if (!optionalBoolean(options[flag])) bad(flag, "must be true or false");
  for (const count of ["limit", "pageSize"] as const) if (options[count] !== undefined && !wholeAtLeast(options[count], 1)) bad(count, "must be a whole number, 1 or more");
  if (options.budget !== undefined && !(typeof options.budget === "number" && Number.isFinite(options.budget) && options.budget >= 0))
    bad("budget", "must be an amount of money, 0 or more, such as 0.5");
  for (const hook of ["onPage", "onCost", "beforeSpending"] as const) if (options[hook] !== undefined && typeof options[hook] !== "function") bad(hook, "must be a function");
  if (typeof options.cursor === "string" && options.cursor.length > MAX_CURSOR_LENGTH) bad("cursor", `is longer than any cursor a result gives (${MAX_CURSOR_LENGTH} characters)`);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) bad("signal", "must be an AbortSignal");
  if (issues.length > 0) throw new ValidationError("invalid execute() options; nothing was sent", issues);
}

function describe(value: unknown): string {
  return typeof value === "function" ? "a function" : preview(value);
}
