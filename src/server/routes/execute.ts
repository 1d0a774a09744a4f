/**
 * POST /api/v1/integrations/connectors/:id/execute: one call with that account's credentials, within its scope,
 * and one audit row whatever the outcome.
 */
import { Hono } from "hono";
import { inScope } from "../../agent/scope.js";
import { connect, type ExecuteOptions } from "../../runtime/connector.js";
import { accountCredentialStore } from "../account-credentials.js";
import type { AppEnv, Services } from "../app-env.js";
import { ApiError, badRequest, describeError, notFound } from "../errors.js";
import { jsonObject, onlyFields, requiredString } from "../json-body.js";
import { redactParams } from "../redact.js";
import type { ConnectedAccount } from "../store/types.js";

const OPTION_FIELDS = ["all", "limit", "budget", "preflight"] as const;

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

export function executeRoutes({ store, vault, config }: Services): Hono<AppEnv> {
  const run = async (account: ConnectedAccount, entity: string, action: string, params: Record<string, unknown>, options: ExecuteOptions) => {
    if (account.status === "pending")
      throw new ApiError(401, "E_AUTH", `connector ${account.id} is not connected yet: its user has to finish the OAuth flow (POST .../oauth/start); nothing was sent`);
    if (account.status !== "active") throw new ApiError(401, "E_AUTH", `connector ${account.id} was revoked; nothing was sent`);
    const connector = connect(account.connector_type, {
      ...config.upstream?.[account.connector_type],
      credentials: accountCredentialStore(store, vault, account),
      account: account.account,
      // Never the server's own environment credentials, and base URLs only from the operator's config.
      env: config.env ?? {},
      // Replicas on one database share this account's rate windows and OAuth refresh through these.
      coordinator: config.coordinator,
      accountKey: account.id,
    });
    const plan = connector.plan(entity, action);
    if (!inScope({ allow: account.scopes ?? undefined, readOnly: account.read_only }, entity, action, plan.readOnly))
      throw new ApiError(403, "E_SCOPE", `${entity}.${action} is outside the scope of connector ${account.id}; nothing was sent`);
    return connector.execute(entity, action, params, options);
  };

  return new Hono<AppEnv>().post("/:id/execute", async (c) => {
    const workspace = c.get("workspace");
    const account = await store.getAccount(workspace.id, c.req.param("id"));
    if (!account) throw notFound(`connector ${c.req.param("id")}`);
    const body = await jsonObject(c);
    onlyFields(body, ["entity", "action", "params", "options"]);
    const entity = requiredString(body, "entity");
    const action = requiredString(body, "action");
    const params = objectField(body, "params");
    const options = executeOptions(body, c.req.raw.signal);
    const started = performance.now();
    const audit = (outcome: string, upstreamStatus: number | null, cost: number | null) =>
      store.insertAudit({
        time: new Date().toISOString(),
        workspace_id: workspace.id,
        user_id: account.user_id,
        connector_id: account.id,
        connector_type: account.connector_type,
        entity,
        action,
        outcome,
        upstream_status: upstreamStatus,
        duration_ms: Math.round(performance.now() - started),
        cost,
        params: redactParams(params),
      });
    try {
      const result = await run(account, entity, action, params, options);
      await audit("ok", result.meta.status, result.meta.cost ?? null);
      return c.json({ result });
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      await audit(describeError(error).code, error instanceof ApiError || typeof status !== "number" ? null : status, null);
      throw error;
    }
  });
}
