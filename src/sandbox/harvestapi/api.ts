/**
 * The api.harvestapi.io host as msw handlers: API key, the plan's concurrency gate, artificial latency, then the
 * endpoint: LinkedIn session check, balance check, answer, billing and the envelope. Only HTTP 200 answers are billed.
 */
import type { HttpHandler } from "msw";
import { setTimeout as sleep } from "node:timers/promises";
import { simulatedHost, type Exchange, type Recorder, type Reply } from "../exchange.js";
import { toUsd } from "./costs.js";
import type { AccountView, Endpoint } from "./endpoint.js";
import { ENDPOINTS } from "./endpoints/index.js";
import { envelope } from "./envelope.js";
import { concurrencyExceeded, creditsExhausted, invalidApiKey, routeNotFound } from "./errors.js";
import type { ConcurrencyGate } from "./gate.js";
import type { LinkedInSession } from "./session.js";
import type { Store } from "./store.js";
import type { Wallet } from "./wallet.js";

export interface ApiHost {
  apiKey: string;
  store(): Store;
  wallet: Wallet;
  gate: ConcurrencyGate;
  session: LinkedInSession;
  latencyMs: number;
  plan: { name: string; concurrency: number; queueSize: number };
}

/** The real host, which the connector's manifest declares. */
export const HARVESTAPI_URL = "https://api.harvestapi.io";

function answer(host: ApiHost, exchange: Exchange, endpoint: Endpoint | undefined): Reply {
  const { method, path, query } = exchange;
  if (!endpoint) throw routeNotFound(method, path);
  if (endpoint.linkedInSession) host.session.check(query.cookie);
  const charge = endpoint.cost(query);
  if (!host.wallet.covers(charge.micros)) throw creditsExhausted(host.wallet.balanceUsd, toUsd(charge.micros));
  const { plan } = host;
  const account: AccountView = { plan: plan.name, balanceUsd: host.wallet.balanceUsd, concurrency: plan.concurrency, queueSize: plan.queueSize };
  const found = endpoint.answer({ store: host.store(), query, account });
  host.wallet.debit(charge.micros);
  const body = envelope(found, {
    query,
    requestId: exchange.requestId,
    costUsd: toUsd(charge.micros),
    payments: charge.payments,
    user: { membershipTier: plan.name, requestsConcurrency: plan.concurrency },
  });
  return { status: 200, body };
}

/** undefined `endpoint`: a path the API does not have (still behind the key check and the gate, as on the real host). */
async function handle(host: ApiHost, exchange: Exchange, endpoint: Endpoint | undefined): Promise<Reply> {
  if (exchange.headers["x-api-key"] !== host.apiKey) throw invalidApiKey();
  const admitted = host.gate.enter();
  if (!admitted) throw concurrencyExceeded(host.plan.concurrency, host.plan.queueSize);
  await admitted;
  try {
    if (host.latencyMs > 0) await sleep(host.latencyMs);
    return answer(host, exchange, endpoint);
  } finally {
    host.gate.leave();
  }
}

/** One handler per endpoint, then NestJS's 404 for every other path. */
export function apiHandlers(host: ApiHost, record: Recorder): HttpHandler[] {
  const api = simulatedHost(HARVESTAPI_URL, record);
  const endpoints = ENDPOINTS.map((endpoint) => api.route(endpoint.method, endpoint.path, (exchange) => handle(host, exchange, endpoint)));
  return [...endpoints, api.otherPaths((exchange) => handle(host, exchange, undefined))];
}
