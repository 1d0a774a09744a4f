/** POST /api/v1/connect-sessions: a signed, single-use connect link for one of the application's users. */
import { Hono } from "hono";
import type { AppEnv, Services } from "../app-env.js";
import { createConnectLink } from "../connect-links.js";
import { badRequest } from "../errors.js";
import { jsonObject, onlyFields, optionalBoolean, optionalString, requiredString } from "../json-body.js";
import { checkBodyName } from "../request-limits.js";

function optionalNames(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) throw badRequest(`${field} must be an array of strings`);
  return value.map((item: string) => checkBodyName(field, item));
}

export function connectSessionRoutes(services: Services): Hono<AppEnv> {
  return new Hono<AppEnv>().post("/", async (c) => {
    const body = await jsonObject(c);
    onlyFields(body, ["user_id", "connectors", "scopes", "read_only", "redirect_url", "connector_id"]);
    const redirect = body.redirect_url;
    if (redirect !== undefined && typeof redirect !== "string") throw badRequest("redirect_url must be a string");
    const link = await createConnectLink(
      services,
      c.get("workspace").id,
      {
        user_id: requiredString(body, "user_id"),
        connectors: optionalNames(body, "connectors"),
        scopes: optionalNames(body, "scopes"),
        read_only: optionalBoolean(body, "read_only"),
        redirect_url: redirect,
        connector_id: optionalString(body, "connector_id"),
      },
      c.req.url,
    );
    return c.json(link, 201);
  });
}
