/** The api.harvestapp.com/v2 host as msw handlers: preconditions, rate limits and body parsing, then the route's handler. */
import type { HttpHandler } from "msw";
import { simulatedHost, type Exchange, type Recorder } from "../exchange.js";
import { InvalidBodyError, parseBody } from "../http.js";
import type { SlidingWindowLimiter } from "../rate-limit.js";
import { authenticate, callerOf, requireUserAgent } from "./auth.js";
import { badRequest, notFound, tooManyRequests } from "./errors.js";
import { HARVEST_API } from "./hosts.js";
import type { Input } from "./params.js";
import type { Route } from "./router.js";
import type { Store } from "./store.js";
import type { TokenRegistry } from "./tokens.js";

export interface ApiHost {
  routes: readonly Route[];
  tokens: TokenRegistry;
  /** Per-token limits; undefined when disabled. Reports have their own. */
  limits: { general?: SlidingWindowLimiter; reports?: SlidingWindowLimiter };
  store(): Store;
  now(): Date;
}

function throttle(host: ApiHost, path: string, token: string): void {
  const limiter = path.startsWith("/reports/") ? host.limits.reports : host.limits.general;
  const wait = limiter?.take(token) ?? 0;
  if (wait > 0) throw tooManyRequests(wait);
}

function readJsonBody(exchange: Exchange): Input {
  try {
    return parseBody(exchange.rawBody, exchange.headers["content-type"]);
  } catch (error) {
    if (error instanceof InvalidBodyError) throw badRequest(error.message);
    throw error;
  }
}

/** What every request to the host goes through, known route or not: the caller's token and the body, once admitted. */
function admit(host: ApiHost, exchange: Exchange): { token: string; body: Input } {
  requireUserAgent(exchange.headers);
  const token = authenticate(exchange.headers, host.tokens);
  throttle(host, exchange.path, token);
  return { token, body: readJsonBody(exchange) };
}

/** One handler per route (earlier ones win, as in msw), then Harvest's 404 for every other path. */
export function apiHandlers(host: ApiHost, record: Recorder): HttpHandler[] {
  const api = simulatedHost(HARVEST_API, record);
  const routes = host.routes.map((route) =>
    api.route(route.method, route.pattern, (exchange, params) => {
      const { token, body } = admit(host, exchange);
      const { method, path, query } = exchange;
      const store = host.store();
      return route.handler({ store, callerId: callerOf(token, store), now: host.now, method, path, params, query, body, baseUrl: HARVEST_API });
    }),
  );
  const otherPaths = api.otherPaths((exchange) => {
    admit(host, exchange);
    throw notFound();
  });
  return [...routes, otherPaths];
}
