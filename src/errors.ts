/**
 * One error hierarchy with stable codes (like undici's): callers switch on `code`,
 * `instanceof` works, and no error ever carries a secret.
 */

/** What a call can fail with, whichever face it came through. */
export type CallErrorCode =
  | "E_MANIFEST"
  | "E_VALIDATION"
  | "E_SCOPE"
  | "E_AUTH"
  | "E_NOT_FOUND"
  | "E_RATE_LIMIT"
  | "E_CREDITS"
  | "E_UPSTREAM"
  | "E_UPSTREAM_BODY"
  | "E_NETWORK"
  | "E_TIMEOUT"
  // The caller gave up (its signal aborted): the call's outcome in a call record; the caller has its own reason.
  | "E_CANCELLED";

/** What the hosted API says about its own resources (tokens, accounts, OAuth states, request bodies). */
export type ServiceErrorCode = "E_FORBIDDEN" | "E_REVOKED" | "E_OAUTH_STATE" | "E_OAUTH_DENIED" | "E_TOO_LARGE" | "E_INTERNAL";

/** What ends a script in code mode (`run`) other than a call's own error: the script's exception, or one of its limits. */
export type ScriptErrorCode = "E_SCRIPT" | "E_LIMIT";

/** Every code the project produces: scripts, exit codes and HTTP statuses are keyed on these. */
export type ErrorCode = CallErrorCode | ServiceErrorCode | ScriptErrorCode;

export class ConnectorError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    const { name, code, message } = this;
    return { ...publicFields(this), name, code, message };
  }
}

function publicFields(error: ConnectorError): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) if (key !== "cause") out[key] = value;
  return out;
}

export interface ManifestIssue {
  file: string;
  line: number;
  column: number;
  /** Path in the YAML, e.g. entities.time_entries.actions.list.params.from */
  path: string;
  message: string;
}

export class ManifestError extends ConnectorError<"E_MANIFEST"> {
  readonly issues: ManifestIssue[];
  constructor(issues: ManifestIssue[]) {
    super("E_MANIFEST", issues.map(formatIssue).join("\n"));
    this.issues = issues;
  }
}

export function formatIssue(issue: ManifestIssue): string {
  const where = issue.path ? ` (at ${issue.path})` : "";
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}${where}`;
}

export interface ParamIssue {
  /** The parameter (dotted for nested values, empty for the call as a whole). */
  param: string;
  message: string;
}

export class ValidationError extends ConnectorError<"E_VALIDATION"> {
  readonly issues: ParamIssue[];
  constructor(summary: string, issues: ParamIssue[] = []) {
    const details = issues.map((i) => `  - ${i.param ? `${i.param}: ` : ""}${i.message}`).join("\n");
    super("E_VALIDATION", details ? `${summary}\n${details}` : summary);
    this.issues = issues;
  }
}

/** An entity and action that exist but are outside what this connection may do (its allow list or read-only). */
export class ScopeError extends ConnectorError<"E_SCOPE"> {
  readonly entity: string;
  readonly action: string;
  constructor(message: string, details: { entity: string; action: string }) {
    super("E_SCOPE", message);
    this.entity = details.entity;
    this.action = details.action;
  }
}

export type AuthReason = "missing" | "invalid" | "expired" | "revoked" | "refresh_failed" | "forbidden" | "unavailable";

export class AuthError extends ConnectorError<"E_AUTH"> {
  readonly reason: AuthReason;
  /** The credentials concerned, by field name (never their values). */
  readonly credentials: string[];
  readonly status?: number;
  constructor(message: string, details: { reason: AuthReason; credentials?: string[]; status?: number }) {
    super("E_AUTH", message);
    this.reason = details.reason;
    this.credentials = details.credentials ?? [];
    this.status = details.status;
  }
}

interface UpstreamDetails {
  status: number;
  upstreamMessage?: string;
  requestId?: string;
}

export class NotFoundError extends ConnectorError<"E_NOT_FOUND"> {
  readonly status: number;
  readonly upstreamMessage?: string;
  readonly requestId?: string;
  constructor(message: string, details: UpstreamDetails) {
    super("E_NOT_FOUND", message);
    Object.assign(this, details);
    this.status = details.status;
  }
}

export class RateLimitError extends ConnectorError<"E_RATE_LIMIT"> {
  /** Seconds to wait before trying again, when known. */
  readonly retryAfter?: number;
  readonly status?: number;
  constructor(message: string, details: { retryAfter?: number; status?: number } = {}) {
    super("E_RATE_LIMIT", message);
    this.retryAfter = details.retryAfter;
    this.status = details.status;
  }
}

export class CreditsError extends ConnectorError<"E_CREDITS"> {
  /** The account's balance, when known. */
  readonly balance?: number;
  /** What the call would cost (the estimate). */
  readonly cost?: number;
  readonly budget?: number;
  /** What was already spent when the call stopped. */
  readonly spent?: number;
  readonly status?: number;
  constructor(message: string, details: { balance?: number; cost?: number; budget?: number; spent?: number; status?: number } = {}) {
    super("E_CREDITS", message);
    Object.assign(this, details);
  }
}

/** The API answered with an error (E_UPSTREAM), or with a body that cannot be data (E_UPSTREAM_BODY, its subclass). */
export class UpstreamError<C extends "E_UPSTREAM" | "E_UPSTREAM_BODY" = "E_UPSTREAM"> extends ConnectorError<C> {
  readonly status: number;
  readonly upstreamMessage?: string;
  readonly requestId?: string;
  constructor(message: string, details: UpstreamDetails, code: C = "E_UPSTREAM" as C) {
    super(code, message);
    Object.assign(this, details);
    this.status = details.status;
  }
}

/** An answer that cannot be read as the API's declared type (an HTML page from a proxy, a cut body), or too large to read. */
export class UpstreamBodyError extends UpstreamError<"E_UPSTREAM_BODY"> {
  /** The first bytes of the body as received, secrets redacted (empty when the body was refused for its size). */
  readonly bodyStart: string;
  constructor(message: string, details: UpstreamDetails & { bodyStart: string }) {
    super(message, details, "E_UPSTREAM_BODY");
    this.bodyStart = details.bodyStart;
  }
}

export class NetworkError extends ConnectorError<"E_NETWORK"> {
  constructor(message: string, options?: { cause?: unknown }) {
    super("E_NETWORK", message, options);
  }
}

export class TimeoutError extends ConnectorError<"E_TIMEOUT"> {
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super("E_TIMEOUT", message);
    this.timeoutMs = timeoutMs;
  }
}

/** A code-mode script failed on its own: it threw (or did not parse), at `line` of the script when known. */
export class ScriptError extends ConnectorError<"E_SCRIPT"> {
  /** The script's own error name: TypeError, SyntaxError, Error, ... */
  readonly errorName: string;
  readonly line?: number;
  /** The message reads "TypeError at line 3: ...". */
  constructor(message: string, details: { errorName: string; line?: number }) {
    super("E_SCRIPT", `${details.errorName}${details.line === undefined ? "" : ` at line ${details.line}`}: ${message}`);
    this.errorName = details.errorName;
    if (details.line !== undefined) this.line = details.line;
  }
}

/** The code-mode limits: wall time, memory, number of calls, size of the result. */
export type ScriptLimit = "time" | "memory" | "calls" | "result";

/** A code-mode script reached one of its limits and was stopped; `option` names the run() option that raises it. */
export class LimitError extends ConnectorError<"E_LIMIT"> {
  readonly limit: ScriptLimit;
  /** The limit in force, in its option's unit (ms, MB, calls, characters). */
  readonly value: number;
  readonly option: string;
  constructor(message: string, details: { limit: ScriptLimit; value: number; option: string }) {
    super("E_LIMIT", message);
    this.limit = details.limit;
    this.value = details.value;
    this.option = details.option;
  }
}

/** The errors a call can end with, as a union: `switch (error.code)` narrows to the class. */
export type CallError =
  | ManifestError
  | ValidationError
  | ScopeError
  | AuthError
  | NotFoundError
  | RateLimitError
  | CreditsError
  | UpstreamError
  | NetworkError
  | TimeoutError;
