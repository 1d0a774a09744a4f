/**
 * The api.harvestapi.io host: API key, the plan's concurrency gate, artificial latency, then the endpoint:
 * LinkedIn session check, balance check, answer, billing and the envelope. Only HTTP 200 answers are billed.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Exchange, Reply } from "../exchange.js";
import { toUsd } from "./costs.js";
import type { AccountView } from "./endpoint.js";
import { findEndpoint } from "./endpoints/index.js";
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

function answer(host: ApiHost, exchange: Exchange): Reply {
  const { method, path, query } = exchange;
  const endpoint = findEndpoint(method, path);
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

export async function handleApi(host: ApiHost, exchange: Exchange): Promise<Reply> {
  if (exchange.headers["x-api-key"] !== host.apiKey) throw invalidApiKey();
  const admitted = host.gate.enter();
  if (!admitted) throw concurrencyExceeded(host.plan.concurrency, host.plan.queueSize);
  await admitted;
  try {
    if (host.latencyMs > 0) await sleep(host.latencyMs);
    return answer(host, exchange);
  } finally {
    host.gate.leave();
  }
}
