/**
 * A faithful local Harvest (REST API v2 and its OAuth host) over seeded, deterministic data, as msw request
 * handlers on the real hosts: in the process, over loopback, or in a user's own tests.
 */
import type { HttpHandler } from "msw";
import { logRequest, loggedRequest, type Exchange, type LoggedRequest } from "../exchange.js";
import { SlidingWindowLimiter, type RateLimit } from "../rate-limit.js";
import { apiHandlers, type ApiHost } from "./api.js";
import { sandboxCredentials, type HarvestCredentials } from "./credentials.js";
import { anchoredClock } from "./dates.js";
import { HARVEST_API, HARVEST_ID } from "./hosts.js";
import { identityHandlers } from "./oauth.js";
import { harvestRoutes } from "./routes.js";
import { DEFAULT_SEED, seedStore } from "./seed/index.js";
import { TokenRegistry } from "./tokens.js";

export type { HarvestCredentials } from "./credentials.js";

/** The sandbox clock starts here (the end of the seeded half year) and then ticks in real time. */
export const SANDBOX_START = new Date("2026-06-30T16:00:00Z");

const HARVEST_LIMIT: RateLimit = { requests: 100, perSeconds: 15 };
const HARVEST_REPORTS_LIMIT: RateLimit = { requests: 100, perSeconds: 900 };
/** Harvest's OAuth access tokens live 18 hours. */
const ACCESS_TOKEN_TTL_SECONDS = 64800;

export interface HarvestSandboxOptions {
  /** Same seed, same data (default 20260101). */
  seed?: number;
  /** Per token, sliding window; default Harvest's 100 requests per 15 s; false disables. */
  rateLimit?: RateLimit | false;
  /** /reports/* have their own window; default 100 per 900 s; false disables. */
  reportsRateLimit?: RateLimit | false;
  /** OAuth access token lifetime, default 64800 s (18 h) like Harvest. */
  accessTokenTtlSeconds?: number;
  /** The sandbox's "now" (timers, created_at, default dates); default SANDBOX_START ticking in real time. */
  now?: () => Date;
}

/** A request as tests see it; `host` "api": api.harvestapp.com/v2, "id": id.getharvest.com/api/v2. */
export type RequestRecord = LoggedRequest<"api" | "id">;

export interface HarvestSandboxStats {
  /** Requests to the API host (api.harvestapp.com/v2). */
  requests: number;
  /** Requests to the OAuth token endpoint. */
  tokenRequests: number;
  /** Every request to either host, in order (the latest 10,000). */
  requestLog: RequestRecord[];
}

export interface HarvestSandbox {
  /** msw handlers for api.harvestapp.com/v2 and id.getharvest.com (token endpoint, accounts, consent page). */
  handlers: HttpHandler[];
  credentials: HarvestCredentials;
  stats: HarvestSandboxStats;
  /** A single-use authorization code for grant_type=authorization_code (valid 10 minutes). */
  issueAuthorizationCode(options?: { redirectUri?: string }): string;
  /**
   * A refresh token of its own for the oauth2 variant (valid until first used). The runtime keeps OAuth sessions per
   * process, by token URL and refresh token: a test that starts a new sandbox gives it a new refresh token this way.
   */
  issueRefreshToken(): string;
  /** Later refreshes with this token answer invalid_grant. */
  revokeRefreshToken(token: string): void;
  /** Every OAuth access token issued so far now gets 401 invalid_token. */
  expireAccessTokens(): void;
  /** Back to the seeded state: data, clock, tokens (the fixed refresh token works again), rate limits, stats. */
  reset(): void;
}

const limiter = (limit: RateLimit | false | undefined, fallback: RateLimit) =>
  limit === false ? undefined : new SlidingWindowLimiter(limit ?? fallback);

export function createHarvestSandbox(options: HarvestSandboxOptions = {}): HarvestSandbox {
  const seed = options.seed ?? DEFAULT_SEED;
  const tokens = new TokenRegistry(options.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS);
  const limits = {
    general: limiter(options.rateLimit, HARVEST_LIMIT),
    reports: limiter(options.reportsRateLimit, HARVEST_REPORTS_LIMIT),
  };
  let store = seedStore(seed);
  let clock = options.now ?? anchoredClock(SANDBOX_START);
  const stats: HarvestSandboxStats = { requests: 0, tokenRequests: 0, requestLog: [] };
  const api: ApiHost = { routes: harvestRoutes(), tokens, limits, store: () => store, now: () => clock() };

  const recorder = (host: RequestRecord["host"]) => (exchange: Exchange) => {
    logRequest(stats.requestLog, loggedRequest(host, exchange));
    if (host === "api") stats.requests += 1;
    else if (exchange.path.startsWith("/oauth2/token")) stats.tokenRequests += 1;
  };

  return {
    handlers: [...apiHandlers(api, recorder("api")), ...identityHandlers(tokens, () => store, recorder("id"))],
    credentials: sandboxCredentials(),
    stats,
    issueAuthorizationCode: (codeOptions) => tokens.issueCode(codeOptions?.redirectUri),
    issueRefreshToken: () => tokens.issueRefreshToken(),
    revokeRefreshToken: (token) => tokens.revokeRefreshToken(token),
    expireAccessTokens: () => tokens.expireAccessTokens(),
    reset() {
      store = seedStore(seed);
      clock = options.now ?? anchoredClock(SANDBOX_START);
      tokens.reset();
      limits.general?.reset();
      limits.reports?.reset();
      stats.requests = 0;
      stats.tokenRequests = 0;
      stats.requestLog.length = 0;
    },
  };
}

/** Where the loopback server serves each host: its path prefix, and the real URL that prefix stands for. */
export const HARVEST_MOUNTS = { "/harvest/v2": HARVEST_API, "/harvest-id": HARVEST_ID };
