/** The api.harvestapp.com/v2 host: preconditions, rate limits, body parsing, then the route's handler. */
import type { Exchange, Reply } from "../exchange.js";
import { InvalidBodyError, parseBody } from "../http.js";
import type { SlidingWindowLimiter } from "../rate-limit.js";
import { authenticate, callerOf, requireUserAgent } from "./auth.js";
import { badRequest, notFound, tooManyRequests } from "./errors.js";
import type { Input } from "./params.js";
import type { Router } from "./router.js";
import type { Store } from "./store.js";
import type { TokenRegistry } from "./tokens.js";

export interface ApiHost {
  router: Router;
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

export function handleApi(host: ApiHost, exchange: Exchange, baseUrl: string): Reply {
  requireUserAgent(exchange.headers);
  const token = authenticate(exchange.headers, host.tokens);
  throttle(host, exchange.path, token);
  const body = readJsonBody(exchange);
  const route = host.router.match(exchange.method, exchange.path);
  if (!route) throw notFound();
  const { method, path, query } = exchange;
  const store = host.store();
  return route.handler({ store, callerId: callerOf(token, store), now: host.now, method, path, params: route.params, query, body, baseUrl });
}
