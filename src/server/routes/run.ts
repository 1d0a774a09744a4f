/**
 * POST /api/v1/integrations/connectors/:id/run: code mode for a connected account. The script runs with that
 * account's credentials and scope; each call it makes writes its own audit row (see account-connection.ts), and the
 * script one more: entity "(script)", action "run", its calls, cost, duration and outcome (the code itself is free
 * text, so only its length and SHA-256 are kept, as free text in params is).
 */
import { createHash } from "node:crypto";
import { Hono } from "hono";
import { AuthError, RateLimitError, ValidationError } from "../../errors.js";
import { runScript } from "../../runtime/code/run.js";
import type { RunReport } from "../../runtime/code/types.js";
import { connect, type AnyConnector } from "../../runtime/connector.js";
import { accountConnection, auditRow } from "../account-connection.js";
import type { AppEnv, Services } from "../app-env.js";
import { badRequest, describeError, notFound } from "../errors.js";
import { jsonObject, onlyFields } from "../json-body.js";
import type { ConnectedAccount } from "../store/types.js";

/** The longest a hosted script may run, in seconds: a script holds its request and a worker thread meanwhile. */
export const MAX_RUN_TIMEOUT_S = 60;
/** The longest script, in characters (a program, not a name: longer than the body's other strings may be). */
export const MAX_CODE_CHARS = 100_000;

/** Scripts running at once in one server process, unless the operator says otherwise (ServerConfig.maxScripts). */
export const DEFAULT_MAX_SCRIPTS = 16;

export function runRoutes(services: Services): Hono<AppEnv> {
  const maxScripts = services.config.maxScripts ?? DEFAULT_MAX_SCRIPTS;
  let running = 0;
  return new Hono<AppEnv>().post("/:id/run", async (c) => {
    const account = await services.store.getAccount(c.get("workspace").id, c.req.param("id"));
    if (!account) throw notFound(`connector ${c.req.param("id")}`);
    const body = await jsonObject(c);
    onlyFields(body, ["code", "timeout", "max_calls", "budget"]);
    const code = scriptCode(body);
    const options = {
      timeout: 1000 * number(body, "timeout", { min: 0.1, max: MAX_RUN_TIMEOUT_S, fallback: 30 })!,
      maxCalls: number(body, "max_calls", { min: 1, max: 10_000, whole: true }),
      budget: number(body, "budget", { min: 0 }),
    };
    // Each script holds a worker thread until it ends: a server takes so many at once, whoever sends them.
    if (running >= maxScripts) throw new RateLimitError(`this server runs at most ${maxScripts} scripts at once and all are running: try again shortly`, { retryAfter: 1 });
    running++;
    const signal = c.req.raw.signal;
    let report: RunReport;
    try {
      report = await runScript([connect(account.connector_type, accountConnection(services, account))], code, {
        ...options,
        signal,
        accounts: (_connector, name) => namedAccount(services, account, name),
      });
    } finally {
      running--;
    }
    await services.store.insertAudit(scriptRow(account, code, report, signal));
    const usage = { logs: report.logs, calls: report.calls, cost: report.cost, duration_ms: report.duration_ms };
    if (!report.error) return c.json({ result: report.result ?? null, ...usage });
    const { status, code: errorCode, message } = describeError(report.error);
    return c.json({ error: { code: errorCode, message, ...(report.line === undefined ? {} : { line: report.line }) }, ...usage }, status);
  });
}

function scriptCode(body: Record<string, unknown>): string {
  const { code } = body;
  if (code === undefined) throw badRequest("code is required: the script, the body of an async function");
  if (typeof code !== "string" || !code.trim()) throw badRequest("code must be the script, a non-empty string of JavaScript");
  if (code.length > MAX_CODE_CHARS) throw badRequest(`code is longer than ${MAX_CODE_CHARS} characters`);
  return code;
}

function number(body: Record<string, unknown>, field: string, rule: { min: number; max?: number; whole?: boolean; fallback?: number }): number | undefined {
  const value = body[field];
  if (value === undefined) return rule.fallback;
  const fits = typeof value === "number" && Number.isFinite(value) && value >= rule.min && value <= (rule.max ?? Infinity) && (!rule.whole || Number.isInteger(value));
  if (!fits) throw badRequest(`${field} must be a ${rule.whole ? "whole " : ""}number from ${rule.min}${rule.max === undefined ? "" : ` to ${rule.max}`}`);
  return value as number;
}

/** `harvest.account("work")`: the same user's active connected account of that name, with its own credentials and scope. */
async function namedAccount(services: Services, account: ConnectedAccount, name: string): Promise<AnyConnector> {
  const accounts = await services.store.listAccounts(account.workspace_id, { user_id: account.user_id });
  const found = accounts.find((a) => a.connector_type === account.connector_type && a.account === name && a.status === "active");
  if (!found) throw new ValidationError(`${account.user_id} has no active ${account.connector_type} account named "${name}" in this workspace`);
  return connect(found.connector_type, accountConnection(services, found));
}

function scriptRow(account: ConnectedAccount, code: string, report: RunReport, signal: AbortSignal) {
  const outcome = !report.error ? "ok" : signal.aborted ? "E_CANCELLED" : report.error.code;
  const params = { calls: report.calls, code_chars: code.length, code_sha256: createHash("sha256").update(code).digest("hex") };
  const reason = report.error instanceof AuthError ? report.error.reason : null;
  return auditRow(account, { connector: account.connector_type, entity: "(script)", action: "run", params, outcome, reason, upstream_status: null, duration_ms: report.duration_ms, cost: report.cost });
}
