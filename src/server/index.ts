/** The hosted execute API: multi-tenant HTTP over the connectors runtime. Other faces reach it through this file only. */
export { createApp } from "./app.js";
export { configFromEnv, ConfigError, type ServerConfig, type UpstreamOptions } from "./config.js";
export { openHosted, rotateStoreKey, type Hosted } from "./hosted.js";
export { startServer, type RunningServer, type StartOptions } from "./server.js";
export { openStore, DEFAULT_DATABASE } from "./store/open.js";
export type { Store } from "./store/types.js";
export { storeTokenResolver, type HostedUser } from "./mcp-tokens.js";
