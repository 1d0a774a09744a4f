/** POST /api/v1/workspaces (admin token): a new tenant and its token, shown this once. */
import { Hono } from "hono";
import type { AppEnv, Services } from "../app-env.js";
import { requireAdmin } from "../auth.js";
import { jsonObject, onlyFields, requiredString } from "../json-body.js";
import { hashToken, newId, newToken } from "../tokens.js";

export function workspaceRoutes({ store, config }: Services): Hono<AppEnv> {
  return new Hono<AppEnv>().post("/", async (c) => {
    requireAdmin(c, config.adminToken);
    const body = await jsonObject(c);
    onlyFields(body, ["name"]);
    const workspace = { id: newId("ws"), name: requiredString(body, "name"), created_at: new Date().toISOString() };
    const token = newToken();
    await store.createWorkspace(workspace, hashToken(token));
    return c.json({ ...workspace, token }, 201);
  });
}
