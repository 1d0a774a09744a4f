/**
 * POST /api/v1/integrations/connectors/:id/execute: one call with that account's credentials, within its scope and the
 * server's deadline, and exactly one audit row whatever happens once the account is found: the account's connection
 * writes it for a call that ran (see account-connection.ts); this route writes it for a request refused before
 * (too large, not JSON, unknown fields, bad names), or failing without one.
 */
import { Hono, type Context, type Next } from "hono";
import { callRecord } from "../../runtime/call-record.js";
import { connect, type ExecuteOptions } from "../../runtime/connector.js";
import { accountConnection, recordCall } from "../account-connection.js";
import { manifestFor } from "../account-input.js";
import type { AppEnv, Services } from "../app-env.js";
import { DEFAULT_EXECUTE_TIMEOUT_SECONDS, executeDeadline } from "../deadline.js";
import { ApiError, badRequest, notFound } from "../errors.js";
import { jsonObject, onlyFields, requiredString } from "../json-body.js";
import { DEFAULT_BODY_LIMIT_BYTES, requestBodyLimit } from "../request-limits.js";
import type { ConnectedAccount } from "../store/types.js";

export const EXECUTE_PATH = /^\/api\/v1\/integrations\/connectors\/[^/]+\/execute\/?$/;

const OPTION_FIELDS = ["all", "limit", "cursor", "fields", "budget", "preflight"] as const;

/** What the route knows of the call, for its own audit row, and whether one was written. */
interface ExecuteState {
  account: ConnectedAccount;
  started: number;
  call: { entity?: unknown; action?: unknown; params?: unknown };
  recorded: boolean;
}

type ExecuteEnv = { Variables: AppEnv["Variables"] & { execute: ExecuteState } };

function objectField(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = body[field] ?? {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badRequest(`${field} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** Only what changes a call's shape or spend: where it goes is the operator's choice, never the caller's. */
function executeOptions(body: Record<string, unknown>, signal: AbortSignal): ExecuteOptions {
  const options = objectField(body, "options");
  onlyFields(options, OPTION_FIELDS, "options");
  return { ...(options as Pick<ExecuteOptions, (typeof OPTION_FIELDS)[number]>), signal };
}

export function executeRoutes(services: Services): Hono<AppEnv> {
  const seconds = services.config.executeTimeoutSeconds ?? DEFAULT_EXECUTE_TIMEOUT_SECONDS;
  const limitBody = requestBodyLimit(services.config.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
  return new Hono<ExecuteEnv>().post("/:id/execute", auditEveryExecute(services), limitBody, async (c) => {
    const state = c.get("execute");
    const client = c.req.raw.signal;
    const deadline = executeDeadline(client, seconds);
    try {
      const body = await jsonObject(c);
      state.call = { entity: body.entity, action: body.action, params: body.params };
      onlyFields(body, ["entity", "action", "params", "options"]);
      const entity = requiredString(body, "entity");
      const action = requiredString(body, "action");
      const params = objectField(body, "params");
      const options = executeOptions(body, deadline.signal);
      const onCall = async (record: Parameters<typeof recordCall>[2]) => {
        await recordCall(services.store, state.account, record);
        state.recorded = true;
      };
      const manifest = manifestFor(state.account.connector_type, services.config.connectorsDir);
      const connector = connect(manifest, { ...accountConnection(services, state.account), onCall });
      return c.json({ result: await connector.execute(entity, action, params, options) });
    } catch (error) {
      // Nobody reads this answer; the row says the caller left (E_CANCELLED), not that the server failed.
      if (client.aborted) throw new ApiError(499 as 400, "E_CANCELLED", "the client closed the connection before the call ended");
      throw error;
    } finally {
      deadline.clear();
    }
  }) as unknown as Hono<AppEnv>;
}

/** Finds the account (a 404 names no account, so it has no row), then writes the row for a failure that has none. */
function auditEveryExecute(services: Services) {
  return async (c: Context<ExecuteEnv>, next: Next) => {
    // Read now: the server only tells this signal of a client gone once someone has asked for it.
    void c.req.raw.signal;
    const account = await services.store.getAccount(c.get("workspace").id, c.req.param("id")!);
    if (!account) throw notFound(`connector ${c.req.param("id")}`);
    const state: ExecuteState = { account, started: performance.now(), call: {}, recorded: false };
    c.set("execute", state);
    await next();
    if (c.error === undefined || state.recorded) return;
    const { entity, action, params } = state.call;
    const row = callRecord(manifestFor(account.connector_type, services.config.connectorsDir), { entity, action, params: isObject(params) ? params : {}, started: state.started }, {}, c.error);
    await recordCall(services.store, account, row);
  };
}

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null && !Array.isArray(value);
