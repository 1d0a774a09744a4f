/**
 * A faithful local Harvest (REST API v2 and its OAuth host) over seeded, deterministic data.
 * Mounted by the sandbox server; tests reach it over loopback with the fixed sandbox credentials.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { logRequest, loggedRequest, serve, type Exchange, type LoggedRequest } from "../exchange.js";
import { SlidingWindowLimiter, type RateLimit } from "../rate-limit.js";
import type { SandboxConnectorInfo, SandboxMount } from "../types.js";
import { handleApi, type ApiHost } from "./api.js";
import { handleAuthorize } from "./authorize.js";
import { sandboxCredentials, type HarvestCredentials } from "./credentials.js";
import { anchoredClock } from "./dates.js";
import { handleIdentity } from "./oauth.js";
import { harvestRouter } from "./routes.js";
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
  /** api.harvestapp.com/v2: `path` below /v2, `baseUrl` the absolute URL of /v2 (for links). */
  handle(req: IncomingMessage, res: ServerResponse, path: string, baseUrl: string): Promise<void>;
  /** id.getharvest.com/api/v2: the OAuth token endpoint and GET /accounts. */
  handleIdentity(req: IncomingMessage, res: ServerResponse, path: string, baseUrl: string): Promise<void>;
  /** The two hosts, for the sandbox server's prefix table. */
  mounts: SandboxMount[];
  credentials: HarvestCredentials;
  stats: HarvestSandboxStats;
  /** A single-use authorization code for grant_type=authorization_code (valid 10 minutes). */
  issueAuthorizationCode(options?: { redirectUri?: string }): string;
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
  const api: ApiHost = { router: harvestRouter(), tokens, limits, store: () => store, now: () => clock() };

  const recorder = (host: RequestRecord["host"]) => (exchange: Exchange) => {
    logRequest(stats.requestLog, loggedRequest(host, exchange));
    if (host === "api") stats.requests += 1;
    else if (exchange.path.startsWith("/oauth2/token")) stats.tokenRequests += 1;
  };

  const handle: HarvestSandbox["handle"] = (req, res, path, baseUrl) =>
    serve(req, res, path, recorder("api"), (exchange) => handleApi(api, exchange, baseUrl));
  const identity: HarvestSandbox["handleIdentity"] = (req, res, path) =>
    serve(req, res, path, recorder("id"), (exchange) => handleIdentity(exchange, tokens, store));

  return {
    handle,
    handleIdentity: identity,
    mounts: [
      { prefix: "/harvest/v2", handle },
      { prefix: "/harvest-id/api/v2", handle: identity },
      // The consent page (id.getharvest.com/oauth2/authorize), approving at once.
      { prefix: "/harvest-id/oauth2", handle: (req, res, path) => serve(req, res, path, recorder("id"), (exchange) => handleAuthorize(exchange, tokens)) },
    ],
    credentials: sandboxCredentials(),
    stats,
    issueAuthorizationCode: (codeOptions) => tokens.issueCode(codeOptions?.redirectUri),
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

/** Where a Harvest connector finds the sandbox served at `url`, and the credentials it accepts. */
export function harvestConnectorInfo(url: string, sandbox: HarvestSandbox): SandboxConnectorInfo {
  return {
    baseUrl: `${url}/harvest/v2`,
    tokenUrl: `${url}/harvest-id/api/v2/oauth2/token`,
    hosts: { id: `${url}/harvest-id/api/v2` },
    credentials: structuredClone(sandbox.credentials),
  };
}
