/**
 * A faithful local HarvestAPI (api.harvestapi.io: LinkedIn data, paid per request) and the Apify actor
 * endpoint its bulk profile scraper runs on (api.apify.com/v2), over seeded, deterministic data, as msw
 * request handlers on the real hosts: in the process, over loopback, or in a user's own tests.
 */
import type { HttpHandler } from "msw";
import { APIFY_URL, apifyHandlers } from "../apify/host.js";
import { logRequest, loggedRequest, type Exchange, type LoggedRequest } from "../exchange.js";
import { apiHandlers, HARVESTAPI_URL, type ApiHost } from "./api.js";
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
  /** msw handlers for api.harvestapi.io and api.apify.com/v2. */
  handlers: HttpHandler[];
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
  let store = seedStore(seed);
  const wallet = new Wallet(startingBalance);
  const stats: HarvestApiSandboxStats = {
    requests: 0,
    apifyRequests: 0,
    get spentUsd() {
      return wallet.spentUsd;
    },
    maxInFlight: 0,
    requestLog: [],
  };
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

  return {
    handlers: [...apiHandlers(api, recorder("harvestapi")), ...apifyHandlers(apify, recorder("apify"))],
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
      stats.maxInFlight = 0;
      stats.requestLog.length = 0;
    },
  };
}

/** Where the loopback server serves each host: its path prefix, and the real URL that prefix stands for. */
export const HARVESTAPI_MOUNTS = { "/harvestapi": HARVESTAPI_URL, "/apify/v2": APIFY_URL };
