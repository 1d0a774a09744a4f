/** The hosted execute API as a hono app: routes, bearer auth, body cap, per-workspace rate limit, JSON errors. */
import { Hono } from "hono";
import type { AppEnv, Services } from "./app-env.js";
import { workspaceAuth } from "./auth.js";
import { errorResponse } from "./errors.js";
import { openApiDocument } from "./openapi.js";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, workspaceRateLimit } from "./rate-limit.js";
import { checkPathAndQuery, DEFAULT_BODY_LIMIT_BYTES, requestBodyLimit } from "./request-limits.js";
import { auditRoutes } from "./routes/audit.js";
import { connectorRoutes } from "./routes/connectors.js";
import { EXECUTE_PATH, executeRoutes } from "./routes/execute.js";
import { mcpTokenRoutes } from "./routes/mcp-tokens.js";
import { oauthCallbackRoutes, oauthStartRoutes } from "./routes/oauth.js";
import { runRoutes } from "./routes/run.js";
import { workspaceRoutes } from "./routes/workspaces.js";
import { catalogRoutes } from "./routes/catalog.js";
import { connectSessionRoutes } from "./routes/connect-sessions.js";
import { connectPageRoutes } from "./pages/connect.js";
import { consolePageRoutes } from "./pages/console.js";
import { STYLESHEET_PATH } from "./pages/html.js";
import { STYLESHEET } from "./pages/style.js";

export function createApp(services: Services): Hono<AppEnv> {
  const { config, store } = services;
  const maxSize = config.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = new Hono<AppEnv>();
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) => c.json({ error: { code: "E_NOT_FOUND", message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  const limitBody = requestBodyLimit(maxSize);
  // The execute route limits its body itself, after finding its account: a refused execute gets its audit row too.
  app.use("*", checkPathAndQuery, (c, next) => (EXECUTE_PATH.test(c.req.path) ? next() : limitBody(c, next)));

  app.get("/health", (c) => c.json({ status: "ok" }));
  app.get("/openapi.json", (c) => c.json(openApiDocument(config.publicUrl)));
  app.route("/api/v1/workspaces", workspaceRoutes(services));
  app.route("/", oauthCallbackRoutes(services));
  app.get(STYLESHEET_PATH, (c) => c.body(STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff" }));
  app.route("/connect", connectPageRoutes(services));
  app.route("/console", consolePageRoutes(services));

  // One limiter for every workspace route: the budget is the workspace's, not each route's.
  const limit = workspaceRateLimit(config.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE, config.requestWindows);
  for (const path of ["/api/v1/integrations/*", "/api/v1/audit", "/api/v1/mcp-tokens/*", "/api/v1/catalog", "/api/v1/connect-sessions"]) app.use(path, workspaceAuth(store), limit);
  app.route("/api/v1/integrations/connectors", connectorRoutes(services));
  app.route("/api/v1/integrations/connectors", executeRoutes(services));
  app.route("/api/v1/integrations/connectors", runRoutes(services));
  app.route("/api/v1/integrations/connectors", oauthStartRoutes(services));
  app.route("/api/v1/audit", auditRoutes(services));
  app.route("/api/v1/mcp-tokens", mcpTokenRoutes(services));
  app.route("/api/v1/catalog", catalogRoutes(services));
  app.route("/api/v1/connect-sessions", connectSessionRoutes(services));
  return app;
}
