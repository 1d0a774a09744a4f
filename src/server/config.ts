/** The server's settings: from the environment for `connectors serve`, or given directly by tests and embedders. */
import { configDir, loadMasterKey, MASTER_KEY_VARIABLE } from "../credentials/master-key.js";
import type { MasterKey } from "../credentials/cipher.js";
import type { ConnectOptions } from "../runtime/connector.js";

/** What the operator (never a stored account or a caller) may set about where and how a connector's calls go. */
export type UpstreamOptions = Pick<ConnectOptions, "baseUrl" | "hosts" | "tokenUrl" | "timeout" | "retries" | "rateLimit" | "dispatcher">;

export interface ServerConfig {
  masterKey: MasterKey;
  /** Creates workspaces; without it, POST /api/v1/workspaces is refused. */
  adminToken?: string;
  /** Requests per minute per workspace (default 6000). */
  rateLimitPerMinute?: number;
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Per connector type. */
  upstream?: Record<string, UpstreamOptions>;
  /** The environment the runtime reads for CONNECTORS_<NAME>_BASE_URL and the like (default: none). */
  env?: NodeJS.ProcessEnv;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  // Required here, unlike the CLI: a server must not quietly make up a key file and seal tenants' secrets with it.
  if (!env[MASTER_KEY_VARIABLE])
    throw new ConfigError(`${MASTER_KEY_VARIABLE} is not set: the server seals every stored credential with it; set it to 32 random bytes in base64 (openssl rand -base64 32)`);
  const rate = env.CONNECTORS_RATE_LIMIT_PER_MINUTE;
  return {
    masterKey: loadMasterKey(configDir(env), env, false)!.key,
    adminToken: env.CONNECTORS_ADMIN_TOKEN || undefined,
    rateLimitPerMinute: rate ? Number(rate) : undefined,
    env,
  };
}
