/** The hosted execute API as a hono app: routes, bearer auth, body cap, per-workspace rate limit, JSON errors. */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv, Services } from "./app-env.js";
import { workspaceAuth } from "./auth.js";
import { errorResponse } from "./errors.js";
import { openApiDocument } from "./openapi.js";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, workspaceRateLimit } from "./rate-limit.js";
import { auditRoutes } from "./routes/audit.js";
import { connectorRoutes } from "./routes/connectors.js";
import { executeRoutes } from "./routes/execute.js";
import { mcpTokenRoutes } from "./routes/mcp-tokens.js";
import { oauthCallbackRoutes, oauthStartRoutes } from "./routes/oauth.js";
import { workspaceRoutes } from "./routes/workspaces.js";

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export function createApp(services: Services): Hono<AppEnv> {
  const { config, store } = services;
  const maxSize = config.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = new Hono<AppEnv>();
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) => c.json({ error: { code: "E_NOT_FOUND", message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  app.use(
    "*",
    bodyLimit({
      maxSize,
      // The rest of the body is never read: the connection cannot carry another request.
      onError: (c) => c.json({ error: { code: "E_TOO_LARGE", message: `the request body is over ${maxSize} bytes` } }, 413, { Connection: "close" }),
    }),
  );

  app.get("/health", (c) => c.json({ status: "ok" }));
  app.get("/openapi.json", (c) => c.json(openApiDocument));
  app.route("/api/v1/workspaces", workspaceRoutes(services));
  app.route("/", oauthCallbackRoutes(services));

  // One limiter for every workspace route: the budget is the workspace's, not each route's.
  const limit = workspaceRateLimit(config.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE);
  for (const path of ["/api/v1/integrations/*", "/api/v1/audit", "/api/v1/mcp-tokens/*"]) app.use(path, workspaceAuth(store), limit);
  app.route("/api/v1/integrations/connectors", connectorRoutes(services));
  app.route("/api/v1/integrations/connectors", executeRoutes(services));
  app.route("/api/v1/integrations/connectors", oauthStartRoutes(services));
  app.route("/api/v1/audit", auditRoutes(services));
  app.route("/api/v1/mcp-tokens", mcpTokenRoutes(services));
  return app;
}
