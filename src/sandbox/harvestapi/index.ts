/**
 * A faithful local HarvestAPI (api.harvestapi.io: LinkedIn data, paid per request) and the Apify actor
 * endpoint its bulk profile scraper runs on (api.apify.com/v2), over seeded, deterministic data.
 * Mounted by the sandbox server; tests reach it over loopback with the fixed sandbox credentials.
 */
import { handleApify } from "../apify/host.js";
import { logRequest, loggedRequest, serve, type Exchange, type LoggedRequest } from "../exchange.js";
import type { SandboxConnectorInfo, SandboxMount } from "../types.js";
import { handleApi, type ApiHost } from "./api.js";
import { sandboxCredentials, type HarvestApiCredentials } from "./credentials.js";
import { ConcurrencyGate } from "./gate.js";
import { PROFILE_SCRAPER_ACTOR, profileScraperActor } from "./profile-scraper-actor.js";
import { DEFAULT_SEED, seedStore } from "./seed/index.js";
import { LinkedInSession } from "./session.js";
import { Wallet } from "./wallet.js";

export type { HarvestApiCredentials } from "./credentials.js";
export { HARVESTAPI_SANDBOX_FIXTURES } from "./seed/fixtures.js";

const PLAN_NAME = "Sandbox";

export interface HarvestApiSandboxOptions {
  /** Same seed, same data (default 20260630). */
  seed?: number;
  /** Starting credit balance in USD, default 10. */
  balanceUsd?: number;
  /** Requests in flight per API key before overflow, default 5 (the plan limit). */
  concurrency?: number;
  /** Requests waiting for a slot past the limit, default 2; beyond: HTTP 429. */
  queueSize?: number;
  /** Artificial latency per HarvestAPI request in ms (default 0), so tests can provoke concurrency overflow. */
  latencyMs?: number;
}

/** A request as tests see it; `host` "harvestapi": api.harvestapi.io, "apify": api.apify.com/v2. */
export interface HarvestApiRequestRecord extends LoggedRequest<"harvestapi" | "apify"> {
  /** Parsed JSON (raw text if not JSON); absent when the request had no body. */
  body?: unknown;
}

/** A request body as tests see it in the request log: parsed JSON, else the raw text; undefined when empty. */
function loggedBody(rawBody: string): unknown {
  if (rawBody === "") return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

/** HarvestAPI ignores trailing slashes: "/linkedin/profile/" is "/linkedin/profile". */
const withoutTrailingSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, "") : path);

export interface HarvestApiSandboxStats {
  /** Requests to the HarvestAPI host, whatever their answer. */
  requests: number;
  /** Requests to the Apify host. */
  apifyRequests: number;
  /** USD billed to the HarvestAPI balance since the start (or reset). */
  spentUsd: number;
  /** The most HarvestAPI requests ever served at once (queued ones not counted). */
  maxInFlight: number;
  /** Every request to either host, in order (the latest 10,000). */
  requestLog: HarvestApiRequestRecord[];
}

export interface HarvestApiSandbox {
  /** The two hosts, for the sandbox server's prefix table. */
  mounts: SandboxMount[];
  credentials: HarvestApiCredentials;
  stats: HarvestApiSandboxStats;
  /** The credit balance in USD. */
  balance(): number;
  setBalance(usd: number): void;
  /** The sandbox li_at stops working (the LinkedIn session expired) until reset(). */
  expireLiAt(): void;
  /** Back to the seeded state: data, balance, the li_at session, stats. Requests in flight finish normally. */
  reset(): void;
}

export function createHarvestApiSandbox(options: HarvestApiSandboxOptions = {}): HarvestApiSandbox {
  const seed = options.seed ?? DEFAULT_SEED;
  const startingBalance = options.balanceUsd ?? 10;
  const plan = { name: PLAN_NAME, concurrency: options.concurrency ?? 5, queueSize: options.queueSize ?? 2 };
  const credentials = sandboxCredentials();
  const stats: HarvestApiSandboxStats = { requests: 0, apifyRequests: 0, spentUsd: 0, maxInFlight: 0, requestLog: [] };
  let store = seedStore(seed);
  const wallet = new Wallet(startingBalance);
  const session = new LinkedInSession(credentials.li_at);
  const gate = new ConcurrencyGate(plan.concurrency, plan.queueSize, (serving) => {
    stats.maxInFlight = Math.max(stats.maxInFlight, serving);
  });
  const api: ApiHost = { apiKey: credentials.api_key, store: () => store, wallet, gate, session, latencyMs: options.latencyMs ?? 0, plan };
  const apify = { token: credentials.apify_token, actors: { [PROFILE_SCRAPER_ACTOR]: profileScraperActor(() => store) } };

  const recorder = (host: HarvestApiRequestRecord["host"]) => (exchange: Exchange) => {
    const body = loggedBody(exchange.rawBody);
    logRequest(stats.requestLog, { ...loggedRequest(host, exchange), ...(body === undefined ? {} : { body }) });
    if (host === "harvestapi") stats.requests += 1;
    else stats.apifyRequests += 1;
  };

  const handleHarvestApi: SandboxMount["handle"] = (req, res, path) =>
    serve(req, res, withoutTrailingSlash(path), recorder("harvestapi"), async (exchange) => {
      try {
        return await handleApi(api, exchange);
      } finally {
        stats.spentUsd = wallet.spentUsd;
      }
    });
  const handleApifyHost: SandboxMount["handle"] = (req, res, path) =>
    serve(req, res, withoutTrailingSlash(path), recorder("apify"), (exchange) => handleApify(apify, exchange));

  return {
    mounts: [
      { prefix: "/harvestapi", handle: handleHarvestApi },
      { prefix: "/apify/v2", handle: handleApifyHost },
    ],
    credentials,
    stats,
    balance: () => wallet.balanceUsd,
    setBalance: (usd) => wallet.set(usd),
    expireLiAt: () => session.expire(),
    reset() {
      store = seedStore(seed);
      wallet.reset(startingBalance);
      session.reset();
      stats.requests = 0;
      stats.apifyRequests = 0;
      stats.spentUsd = 0;
      stats.maxInFlight = 0;
      stats.requestLog.length = 0;
    },
  };
}

/** Where a HarvestAPI connector finds the sandbox served at `url`, and the credentials it accepts. */
export function harvestApiConnectorInfo(url: string, sandbox: HarvestApiSandbox): SandboxConnectorInfo {
  return {
    baseUrl: `${url}/harvestapi`,
    hosts: { apify: `${url}/apify/v2` },
    credentials: { api_key: { ...sandbox.credentials } },
    tokenUrl: undefined,
  };
}
