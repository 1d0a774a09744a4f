/** The server's settings: from the environment for `connectors serve`, or given directly by tests and embedders. */
import { resolve } from "node:path";
import { configDir, loadMasterKey, MASTER_KEY_VARIABLE } from "../credentials/master-key.js";
import type { MasterKey } from "../credentials/cipher.js";
import { findManifest, listConnectorNames } from "../manifest/registry.js";
import type { ConnectOptions } from "../runtime/connector.js";
import type { Coordinator } from "../runtime/coordination.js";

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
  /**
   * Longest an execute may take, retries and waits included, in seconds (default 60: shorter than the default attempts
   * times their timeout); past it the upstream call is cancelled and the caller gets a 504 E_TIMEOUT.
   */
  executeTimeoutSeconds?: number;
  /**
   * Code-mode scripts this process runs at once, all workspaces together (default 16): each holds a worker thread
   * and its memory; past it POST .../run answers 429 E_RATE_LIMIT with Retry-After.
   */
  maxScripts?: number;
  /** Per connector type. */
  upstream?: Record<string, UpstreamOptions>;
  /**
   * A directory of the operator's own connectors (`<name>/connector.yaml`, as connect()'s connectorsDir): served beside
   * the bundled ones, and in place of a bundled one of the same name.
   */
  connectorsDir?: string;
  /** Where users' browsers reach this server: the OAuth redirect_uri is this + /oauth/callback. */
  publicUrl?: string;
  /** How long an OAuth authorize URL stays usable (default 600 s). */
  oauthStateTtlSeconds?: number;
  /**
   * The server's OAuth applications, per connector type: connect pages offer "Connect with <Title>" for a connector's
   * OAuth variants only when it has one (CONNECTORS_<NAME>_CLIENT_ID and CONNECTORS_<NAME>_CLIENT_SECRET).
   */
  oauthClients?: Record<string, OAuthClient>;
  /** How long a connect link stays usable (default 1800 s). */
  connectSessionTtlSeconds?: number;
  /** How long a console sign-in lasts (default 8 hours). */
  consoleSessionTtlSeconds?: number;
  /** Audit rows older than this are deleted, at start and hourly (default 90). */
  auditRetentionDays?: number;
  /** The clock for OAuth state expiry and audit pruning (tests move it). */
  now?: () => Date;
  /** The environment the runtime reads for CONNECTORS_<NAME>_BASE_URL and the like (default: none). */
  env?: NodeJS.ProcessEnv;
  /** Shares rate windows and OAuth refreshes between replicas on one PostgreSQL database (see server/coordination). */
  coordinator?: Coordinator;
  /** Counts each workspace's requests across replicas (the PostgreSQL coordinator); default: in this process. */
  requestWindows?: RequestWindows;
}

export interface OAuthClient {
  client_id: string;
  client_secret: string;
}

/** Counts requests per key in fixed windows; `hit` counts one and says how many the key's current window holds. */
export interface RequestWindows {
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Settings the command line may give instead of the environment. */
export type ConfigFlags = Pick<ServerConfig, "publicUrl" | "auditRetentionDays" | "executeTimeoutSeconds" | "connectorsDir">;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): ServerConfig {
  // Required here, unlike the CLI: a server must not quietly make up a key file and seal tenants' secrets with it.
  if (!env[MASTER_KEY_VARIABLE])
    throw new ConfigError(`${MASTER_KEY_VARIABLE} is not set: the server seals every stored credential with it; set it to 32 random bytes in base64 (openssl rand -base64 32)`);
  return {
    masterKey: keyFromVariable(env, MASTER_KEY_VARIABLE),
    adminToken: env.CONNECTORS_ADMIN_TOKEN || undefined,
    rateLimitPerMinute: positiveNumber(env, "CONNECTORS_RATE_LIMIT_PER_MINUTE"),
    publicUrl: flags.publicUrl ?? (env.CONNECTORS_PUBLIC_URL || undefined),
    auditRetentionDays: flags.auditRetentionDays ?? positiveNumber(env, "CONNECTORS_AUDIT_RETENTION_DAYS"),
    executeTimeoutSeconds: flags.executeTimeoutSeconds ?? positiveNumber(env, "CONNECTORS_EXECUTE_TIMEOUT"),
    maxScripts: positiveNumber(env, "CONNECTORS_MAX_SCRIPTS"),
    connectorsDir: flags.connectorsDir === undefined ? undefined : connectorsDirectory(flags.connectorsDir),
    oauthClients: oauthClientsFromEnv(env),
    env,
  };
}

/** The operator's connectors directory, checked before serving: it holds connectors, and each manifest is valid. */
function connectorsDirectory(dir: string): string {
  const absolute = resolve(dir);
  const names = listConnectorNames(absolute);
  if (names.length === 0) throw new ConfigError(`--connectors-dir ${dir} holds no connector: put each in <dir>/<name>/connector.yaml`);
  // A broken manifest fails the start, with its file and line, not the first request that needs it.
  for (const name of names) findManifest(name, absolute);
  return absolute;
}

/** A master key from any variable (CONNECTORS_NEW_MASTER_KEY for rotation), checked as CONNECTORS_MASTER_KEY is. */
export function keyFromVariable(env: NodeJS.ProcessEnv, variable: string): MasterKey {
  if (!env[variable]) throw new ConfigError(`${variable} is not set: set it to 32 random bytes in base64 (openssl rand -base64 32)`);
  try {
    return loadMasterKey(configDir(env), { [MASTER_KEY_VARIABLE]: env[variable] }, false)!.key;
  } catch (error) {
    throw new ConfigError((error as Error).message.replace(MASTER_KEY_VARIABLE, variable));
  }
}

/** Every CONNECTORS_<NAME>_CLIENT_ID with its _CLIENT_SECRET, by connector name; one without the other is an error. */
function oauthClientsFromEnv(env: NodeJS.ProcessEnv): Record<string, OAuthClient> {
  const clients: Record<string, OAuthClient> = {};
  for (const variable of Object.keys(env)) {
    const match = /^CONNECTORS_([A-Z][A-Z0-9_]*)_CLIENT_ID$/.exec(variable);
    if (!match || !env[variable]) continue;
    const secret = env[`CONNECTORS_${match[1]}_CLIENT_SECRET`];
    if (!secret) throw new ConfigError(`${variable} is set but CONNECTORS_${match[1]}_CLIENT_SECRET is not: an OAuth application needs both`);
    clients[match[1]!.toLowerCase()] = { client_id: env[variable]!, client_secret: secret };
  }
  return clients;
}

function positiveNumber(env: NodeJS.ProcessEnv, variable: string): number | undefined {
  const text = env[variable];
  if (!text) return undefined;
  const value = Number(text);
  if (!(value > 0)) throw new ConfigError(`${variable} must be a positive number (got "${text}")`);
  return value;
}
