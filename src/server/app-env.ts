/** What the routes share: the hono context's variables and the services every route uses. */
import type { ServerConfig } from "./config.js";
import type { Store, Workspace } from "./store/types.js";
import type { Vault } from "./vault.js";

export type AppEnv = { Variables: { workspace: Workspace } };

export interface Services {
  store: Store;
  vault: Vault;
  config: ServerConfig;
}
