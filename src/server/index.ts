/** The hosted execute API: multi-tenant HTTP over the connectors runtime. */
export { createApp } from "./app.js";
export { configFromEnv, ConfigError, type ServerConfig, type UpstreamOptions } from "./config.js";
export { startServer, type RunningServer, type StartOptions } from "./server.js";
export { openStore, DEFAULT_DATABASE } from "./store/open.js";
export type { Store } from "./store/types.js";
export { storeTokenResolver } from "./mcp-tokens.js";
