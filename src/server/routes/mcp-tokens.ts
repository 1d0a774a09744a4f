/**
 * /api/v1/mcp-tokens: per-user bearer tokens for the MCP server (`connectors mcp --database`). A token is shown once,
 * stored as a hash, and opens the MCP tools as its user: that user's active connected accounts in this workspace.
 */
import { Hono } from "hono";
import type { AppEnv, Services } from "../app-env.js";
import { notFound } from "../errors.js";
import { jsonObject, onlyFields, optionalString, requiredString } from "../json-body.js";
import type { McpToken } from "../store/types.js";
import { hashToken, newId, newMcpToken } from "../tokens.js";

export function mcpTokenRoutes({ store }: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const body = await jsonObject(c);
    onlyFields(body, ["user_id", "name"]);
    const created: McpToken = {
      id: newId("mcpt"),
      workspace_id: c.get("workspace").id,
      user_id: requiredString(body, "user_id"),
      name: optionalString(body, "name") ?? null,
      created_at: new Date().toISOString(),
    };
    const token = newMcpToken();
    await store.insertMcpToken(created, hashToken(token));
    return c.json({ ...created, token }, 201);
  });

  app.get("/", async (c) => c.json({ data: await store.listMcpTokens(c.get("workspace").id, { user_id: c.req.query("user_id") }) }));

  app.delete("/:id", async (c) => {
    const revoked = await store.deleteMcpToken(c.get("workspace").id, c.req.param("id"));
    if (!revoked) throw notFound(`MCP token ${c.req.param("id")}`);
    return c.json(revoked);
  });

  return app;
}
