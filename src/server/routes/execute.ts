/**
 * POST /api/v1/integrations/connectors/:id/execute: one call with that account's credentials, within its scope, and
 * one audit row whatever the outcome (written by the account's connection, see account-connection.ts).
 */
import { Hono } from "hono";
import type { ExecuteOptions } from "../../runtime/connector.js";
import { connect } from "../../runtime/connector.js";
import { accountConnection } from "../account-connection.js";
import type { AppEnv, Services } from "../app-env.js";
import { badRequest, notFound } from "../errors.js";
import { jsonObject, onlyFields, requiredString } from "../json-body.js";

const OPTION_FIELDS = ["all", "limit", "cursor", "fields", "budget", "preflight"] as const;

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
  return new Hono<AppEnv>().post("/:id/execute", async (c) => {
    const account = await services.store.getAccount(c.get("workspace").id, c.req.param("id"));
    if (!account) throw notFound(`connector ${c.req.param("id")}`);
    const body = await jsonObject(c);
    onlyFields(body, ["entity", "action", "params", "options"]);
    const entity = requiredString(body, "entity");
    const action = requiredString(body, "action");
    const params = objectField(body, "params");
    const options = executeOptions(body, c.req.raw.signal);
    const result = await connect(account.connector_type, accountConnection(services, account)).execute(entity, action, params, options);
    return c.json({ result });
  });
}
