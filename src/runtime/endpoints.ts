/** Where a connection sends requests and whose credentials it uses: options, then CONNECTORS_<NAME>_* env, then the manifest. */
import type { Dispatcher } from "undici";
import { envCredentialStore, staticCredentialStore } from "../credentials/env.js";
import type { CredentialRecord, CredentialStore } from "../credentials/types.js";
import { ValidationError } from "../errors.js";
import type { Manifest } from "../manifest/types.js";
import type { ConnectOptions } from "./types.js";
import type { Coordinator } from "./coordination.js";
import type { RateLimit } from "./coordination.js";

export interface Endpoints {
  baseUrl: string;
  hosts: Record<string, string>;
  /** Token endpoint per OAuth variant. */
  tokenUrls: Record<string, string>;
  store: CredentialStore;
  /** false: no pacing; a RateLimit: this limit for every group; undefined: the manifest's groups. */
  rateLimit: false | RateLimit | undefined;
  /** Default headers, with the User-Agent the manifest names. */
  headers: Record<string, string>;
  /** false: no limit; a number: this many requests in flight per account; undefined: the manifest's. */
  concurrency: false | number | undefined;
  coordinator?: Coordinator;
  accountKey?: string;
  /** Sends every request of the connection (the caller's, or the in-process sandbox's). */
  dispatcher?: Dispatcher;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export function envPrefix(manifest: Manifest): string {
  return `CONNECTORS_${manifest.name.toUpperCase()}_`;
}

export async function resolveEndpoints(manifest: Manifest, options: ConnectOptions): Promise<Endpoints> {
  if (options.sandbox) return sandboxEndpoints(manifest, options);
  const env = options.env ?? process.env;
  const prefix = envPrefix(manifest);
  const fromEnv = (key: string) => env[prefix + key] || undefined;
  const hosts: Record<string, string> = {};
  for (const [host, url] of Object.entries(manifest.hosts ?? {}))
    hosts[host] = trimSlash(options.hosts?.[host] ?? fromEnv(`${host.toUpperCase()}_BASE_URL`) ?? url);
  return {
    baseUrl: trimSlash(options.baseUrl ?? fromEnv("BASE_URL") ?? manifest.base_url),
    hosts,
    tokenUrls: tokenUrlsOf(manifest, options.tokenUrl ?? fromEnv("TOKEN_URL")),
    store: credentialStoreFor(manifest, options),
    rateLimit: options.rateLimit ?? envRateLimit(prefix, fromEnv("RATE_LIMIT")) ?? (env.CONNECTORS_RATE_LIMIT === "off" ? false : undefined),
    headers: { ...manifest.headers },
    concurrency: options.concurrency,
    coordinator: options.coordinator,
    accountKey: options.accountKey,
    dispatcher: options.dispatcher,
  };
}

/** Token endpoint per OAuth variant: `override` for all of them, else each variant's own. */
function tokenUrlsOf(manifest: Manifest, override: string | undefined): Record<string, string> {
  const tokenUrls: Record<string, string> = {};
  for (const [name, variant] of Object.entries(manifest.auth)) if (variant.token_url) tokenUrls[name] = override ?? variant.token_url;
  return tokenUrls;
}

/** CONNECTORS_<NAME>_RATE_LIMIT=REQUESTS/SECONDS (e.g. 100/15): this pacing for every group of that connector. */
function envRateLimit(prefix: string, text: string | undefined): RateLimit | undefined {
  if (!text) return undefined;
  const [requests, perSeconds] = text.split("/").map(Number);
  if (!(Number.isInteger(requests) && requests! >= 1 && perSeconds! > 0))
    throw new ValidationError(`${prefix}RATE_LIMIT must be REQUESTS/SECONDS, e.g. 100/15 (got "${text}")`);
  return { requests: requests!, perSeconds: perSeconds! };
}

/**
 * The in-process sandbox (src/sandbox): its handlers answer on the manifest's own URLs, so those are used whatever
 * the options or environment say, with its fixed credentials unless others are given.
 */
async function sandboxEndpoints(manifest: Manifest, options: ConnectOptions): Promise<Endpoints> {
  const { sharedSandbox, sandboxNames } = await import("../sandbox/shared.js");
  const sandbox = sharedSandbox(manifest.name);
  if (!sandbox) throw new ValidationError(`no sandbox simulates ${manifest.name}; sandboxes exist for: ${sandboxNames().join(", ")}`);
  const [variant] = Object.keys(manifest.auth);
  const endpoints = await resolveEndpoints(manifest, {
    ...options,
    sandbox: false,
    baseUrl: manifest.base_url,
    hosts: { ...manifest.hosts },
    credentials: options.credentials ?? sandbox.credentials[variant!],
  });
  return { ...endpoints, tokenUrls: tokenUrlsOf(manifest, undefined), dispatcher: sandbox.dispatcher };
}

/** The credential store a connection reads: the record or store it was given, else the environment; never a mix. */
function credentialStoreFor(manifest: Manifest, options: ConnectOptions): CredentialStore {
  const given = options.credentials;
  if (!given) return envCredentialStore(manifest, options.env);
  if (typeof (given as CredentialStore).get === "function") return given as CredentialStore;
  return staticCredentialStore(given as CredentialRecord, options.onCredentialsChange);
}
