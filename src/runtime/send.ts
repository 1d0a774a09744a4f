/**
 * Sends one page of one call: credentials, pacing, the request, and the retry policy
 * (429 waits Retry-After; 5xx, resets and timeouts retry only idempotent requests; an OAuth 401 refreshes once).
 */
import { createHash } from "node:crypto";
import type { Dispatcher } from "undici";
import { AuthError, ConnectorError, NetworkError, TimeoutError, UpstreamBodyError, UpstreamError } from "../errors.js";
import type { CredentialRecord } from "../credentials/types.js";
import type { ApplyTemplates, Manifest } from "../manifest/types.js";
import { chooseVariant, renderAuth, secretFields, type ChosenVariant, type RenderedAuth } from "./auth.js";
import type { Endpoints } from "./endpoints.js";
import { sendHttp, type HttpRequest, type HttpResponse } from "./http.js";
import { accessToken, lineageId, type OAuthContext } from "./oauth.js";
import type { NextPage, Page, PageRequest } from "./pagination.js";
import { getPath } from "./path.js";
import type { ActionPlan } from "./plan.js";
import { windowFor } from "./rate-limit.js";
import type { RateWindow } from "./coordination.js";
import { sleep } from "./wait.js";
import { buildRequest, headersFor } from "./request.js";
import { effectiveStatus, errorForResponse, redact, requestId, retryAfterSeconds, type ErrorContext } from "./response.js";
import { inFlightLimitFor, type InFlightLimit } from "./concurrency.js";
import { BoundedCache } from "./bounded-cache.js";
import { reportedCost, requestCost } from "./costs.js";

export interface SendOptions {
  dispatcher?: Dispatcher;
  timeoutMs: number;
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxRetryAfterMs: number;
  signal?: AbortSignal;
  maxResponseBytes?: number;
}

export interface Call {
  manifest: Manifest;
  plan: ActionPlan;
  baseUrl: string;
  headers: Record<string, string>;
  record: CredentialRecord;
  applies: (ApplyTemplates | undefined)[];
  staticAuth?: RenderedAuth;
  oauth?: OAuthContext;
  window?: RateWindow;
  inFlight?: InFlightLimit;
  send: SendOptions;
  errors: ErrorContext;
  nextPage: NextPage;
}

/** Fields that change over a credential's life: left out of its identity so pacing survives a token refresh. */
const ROTATING_FIELDS = new Set(["access_token", "refresh_token", "expires_at"]);

function accountFingerprint(variant: string, record: CredentialRecord): string {
  const stable = Object.keys(record)
    .filter((k) => !ROTATING_FIELDS.has(k))
    .sort()
    .map((k) => `${k}=${record[k]}`);
  return createHash("sha256").update(`${variant}\0${stable.join("\0")}`).digest("base64url");
}

/** What a credential record means for one action, worked out once per record contents (not per call). */
interface Prepared {
  chosen?: ChosenVariant;
  /** The templates this action sends: the variant's (unless the action opts out) and its own. */
  applies: (ApplyTemplates | undefined)[];
  credentials: string[];
  secrets: string[];
  fingerprint: string;
  /** Headers and query from templates, when they do not depend on a refreshed access token. */
  staticAuth?: RenderedAuth;
}

/**
 * Keyed by the record's contents, so a store that reuses or mutates one object never gets another record's work;
 * least recently used out past 1000 records, and none kept (with its secrets) after an idle hour.
 */
export const preparedByContents = new BoundedCache<string, Map<ActionPlan, Prepared>>({ max: 1000, idleMs: 60 * 60_000 });

function contentsKey(account: string, record: CredentialRecord): string {
  let key = account;
  for (const field in record) key += `\u0001${field}\u0002${record[field]}`;
  return key;
}

function prepare(manifest: Manifest, plan: ActionPlan, record: CredentialRecord, account: string, fromEnvironment: boolean): Prepared {
  const byPlan = preparedByContents.getOrSet(contentsKey(account, record), () => new Map());
  let prepared = byPlan.get(plan);
  if (prepared) return prepared;
  const chosen = plan.spec.auth?.none ? undefined : chooseVariant(manifest, record, plan.spec.auth, account, fromEnvironment);
  const credentials = chosen ? secretFields(chosen.variant) : [];
  const applies = [plan.spec.auth?.apply_variant === false ? undefined : chosen?.variant.apply, plan.spec.auth?.apply];
  prepared = {
    chosen,
    applies,
    credentials,
    secrets: credentials.map((f) => record[f]!).filter(Boolean),
    fingerprint: accountFingerprint(chosen?.name ?? "", record),
    staticAuth: chosen?.variant.type === "oauth2_refresh" ? undefined : renderAuth(applies, { ...record }),
  };
  byPlan.set(plan, prepared);
  return prepared;
}

/**
 * The account's credential record. Most stores answer at once: only a real promise is awaited, so the usual call
 * takes no extra turn of the event loop. A failing store becomes an AuthError that carries none of its text.
 */
function readRecord(manifest: Manifest, endpoints: Endpoints, account: string): CredentialRecord | Promise<CredentialRecord> {
  let got: ReturnType<Endpoints["store"]["get"]>;
  try {
    got = endpoints.store.get(manifest.name, account);
  } catch (error) {
    throw storeFailure(manifest, account, error);
  }
  if (!(got instanceof Promise)) return { ...(got ?? {}) };
  return got.then(
    (record) => ({ ...(record ?? {}) }),
    (error: unknown) => Promise.reject(storeFailure(manifest, account, error)),
  );
}

function storeFailure(manifest: Manifest, account: string, error: unknown): unknown {
  // The package's own errors carry no secret (a vault's wrong key, say): they pass as they are.
  if (error instanceof ConnectorError) return error;
  const failure = new AuthError(`the credential store could not be read for ${manifest.name} (account "${account}")`, { reason: "unavailable" });
  // Kept for debugging, but out of JSON and of the message: a store's error may quote what it stored.
  Object.defineProperty(failure, "cause", { value: error, enumerable: false });
  return failure;
}

/** The call's credentials, endpoints, limits and error context; synchronous when the credential store is. */
export function prepareCall(manifest: Manifest, plan: ActionPlan, endpoints: Endpoints, account: string, send: SendOptions): Call | Promise<Call> {
  if (plan.spec.auth?.none) return callWith(manifest, plan, endpoints, account, send, {});
  const record = readRecord(manifest, endpoints, account);
  return record instanceof Promise ? record.then((r) => callWith(manifest, plan, endpoints, account, send, r)) : callWith(manifest, plan, endpoints, account, send, record);
}

function callWith(manifest: Manifest, plan: ActionPlan, endpoints: Endpoints, account: string, send: SendOptions, record: CredentialRecord): Call {
  const { chosen, applies, credentials, secrets, fingerprint, staticAuth } = prepare(manifest, plan, record, account, !!endpoints.store.readsEnvironment);
  const call: Call = {
    manifest,
    plan,
    baseUrl: plan.spec.host ? endpoints.hosts[plan.spec.host]! : endpoints.baseUrl,
    headers: endpoints.headers,
    record,
    applies,
    staticAuth,
    // A slow action (a synchronous scrape) may need longer than the connection's default.
    send: plan.spec.timeout_ms && plan.spec.timeout_ms > send.timeoutMs ? { ...send, timeoutMs: plan.spec.timeout_ms } : send,
    errors: { manifest, entity: plan.entity, action: plan.action, variant: chosen?.name, credentials, secrets: [...secrets] },
    nextPage: () => undefined,
  };
  if (chosen?.variant.type === "oauth2_refresh") {
    call.oauth = {
      connector: manifest.name,
      tokenUrl: endpoints.tokenUrls[chosen.name]!,
      userAgent: endpoints.headers["User-Agent"],
      record,
      http: { dispatcher: send.dispatcher, timeoutMs: send.timeoutMs, maxResponseBytes: send.maxResponseBytes },
      save: async (changes) => endpoints.store.update?.(manifest.name, account, changes),
      reload: async () => readRecord(manifest, endpoints, account),
      coordinator: endpoints.coordinator,
    };
  }
  // The caller's stable name wins; else an OAuth user is known by their token lineage (per user, stable across
  // rotations), others by their record.
  const identity = endpoints.accountKey ?? (call.oauth ? lineageId(call.oauth) : fingerprint);
  if (call.oauth) call.oauth.lockKey = `${manifest.name}\0${identity}`;
  const limit = endpoints.rateLimit === false ? undefined : (endpoints.rateLimit ?? groupLimit(manifest, plan.rateGroup));
  if (limit) {
    const windowKey = `${manifest.name}\0${identity}\0${plan.rateGroup}`;
    call.window = endpoints.coordinator ? endpoints.coordinator.window(windowKey, limit) : windowFor(windowKey, limit);
  }
  const concurrency = endpoints.concurrency === false ? undefined : (endpoints.concurrency ?? manifest.concurrency);
  if (concurrency) call.inFlight = inFlightLimitFor(`${manifest.name}\0${identity}`, concurrency);
  return call;
}

function groupLimit(manifest: Manifest, group: string) {
  const declared = manifest.rate_limits?.[group];
  return declared ? { requests: declared.requests, perSeconds: declared.per_seconds } : undefined;
}

export async function sendPage(call: Call, page: PageRequest): Promise<Page> {
  const { send, plan } = call;
  let attempt = 0;
  let rejectedToken: string | undefined;
  let resent = false;
  const retryLater = async (error: unknown, safe: boolean) => {
    if (!transient(error) || !safe || attempt >= send.retries) throw error;
    await sleep(backoff(send, attempt++), send.signal);
  };
  for (;;) {
    let token: string | undefined;
    try {
      token = call.oauth ? await accessToken(call.oauth, rejectedToken, send.signal) : undefined;
    } catch (error) {
      // Nothing reached the API yet, so any action may try again.
      await retryLater(error, true);
      continue;
    }
    if (token && !call.errors.secrets.includes(token)) call.errors.secrets.push(token);
    let response: HttpResponse;
    try {
      response = await exchange(call, requestFor(call, page, token));
    } catch (error) {
      await retryLater(error, plan.idempotent);
      resent = true;
      continue;
    }
    const status = effectiveStatus(call.manifest, response);
    if (status >= 200 && status < 300) return successPage(call, page, response);
    // A refused access token is refreshed once (unless another call already did).
    if (status === 401 && token && rejectedToken === undefined) {
      rejectedToken = token;
      continue;
    }
    // A DELETE sent again after a lost answer finds nothing: the first one did the work.
    if (resent && plan.spec.method === "DELETE" && (status === 404 || status === 410)) return { ...toPage(call, page, response), alreadyDone: true };
    const wait = retryWait(call, response, status, attempt);
    if (wait === undefined) throw errorForResponse(response, call.errors, status);
    if (status === 429) call.window?.pause(wait);
    await sleep(wait, send.signal);
    attempt++;
  }
}

/** One request on the wire, inside the account's concurrency slot and rate window (when it has either). */
function exchange(call: Call, request: HttpRequest): Promise<HttpResponse> {
  return call.inFlight || call.window ? exchangeWithin(call, request) : sendHttp(request, call.send);
}

async function exchangeWithin(call: Call, request: HttpRequest): Promise<HttpResponse> {
  const release = call.inFlight ? await call.inFlight.acquire(call.send.signal) : undefined;
  try {
    const answered = call.window ? await call.window.acquire(call.send.signal) : undefined;
    return answered ? await sendHttp(request, call.send).finally(answered) : await sendHttp(request, call.send);
  } finally {
    release?.();
  }
}

/** Failures worth another try: the network, a timeout, or a token endpoint having a bad moment. */
function transient(error: unknown): boolean {
  return error instanceof NetworkError || error instanceof TimeoutError || (error instanceof UpstreamError && error.status >= 500);
}

/** How long to wait before trying again, or undefined when this answer is final. */
function retryWait(call: Call, response: HttpResponse, status: number, attempt: number): number | undefined {
  const { send, plan } = call;
  if (attempt >= send.retries) return undefined;
  const retryAfter = retryAfterSeconds(response);
  // A 429 means the request was not processed, so even a POST may go again.
  if (status === 429) {
    const wait = retryAfter !== undefined ? retryAfter * 1000 : backoff(send, attempt);
    return wait <= send.maxRetryAfterMs ? wait : undefined;
  }
  if (status >= 500 && plan.idempotent) return Math.min(retryAfter !== undefined ? retryAfter * 1000 : backoff(send, attempt), send.maxRetryAfterMs);
  return undefined;
}

function backoff(send: SendOptions, attempt: number): number {
  return Math.random() * Math.min(send.backoffMaxMs, send.backoffBaseMs * 2 ** attempt);
}

function requestFor(call: Call, page: PageRequest, token: string | undefined): HttpRequest {
  // Only an OAuth call has a token, and only an OAuth call has no pre-rendered auth.
  const auth = token ? renderAuth(call.applies, { ...call.record, access_token: token }) : call.staticAuth!;
  if (!page.url) return buildRequest(call.plan, page.params, call.baseUrl, call.headers, auth);
  const url = new URL(page.url);
  for (const [key, value] of Object.entries(auth.query)) url.searchParams.set(key, value);
  return { method: "GET", url: url.toString(), headers: headersFor(call.plan, page.params, call.headers, auth) };
}

/** How much of an unreadable body an error shows. */
const BODY_START_CHARS = 200;

/** A 2xx whose body is not the JSON every action answers with: an error, never data. */
function unreadableBody(call: Call, response: HttpResponse): UpstreamBodyError {
  const text = String(response.body);
  const bodyStart = redact(text.slice(0, BODY_START_CHARS), call.errors.secrets);
  const type = response.headers["content-type"];
  const cut = text.length > BODY_START_CHARS ? "…" : "";
  return new UpstreamBodyError(
    `${call.manifest.title} answered ${call.plan.entity}.${call.plan.action} with HTTP ${response.status} but a body that is not JSON${type ? ` (${type})` : ""}: ${JSON.stringify(bodyStart)}${cut}`,
    { status: response.status, bodyStart, requestId: requestId(response.headers) },
  );
}

/** A 2xx answer as a page; one whose body is not JSON is an error, never data. */
function successPage(call: Call, request: PageRequest, response: HttpResponse): Page {
  if (response.unparsed) throw unreadableBody(call, response);
  return toPage(call, request, response);
}

function toPage(call: Call, request: PageRequest, response: HttpResponse): Page {
  const path = call.plan.spec.records;
  let records: unknown[] = [];
  if (path) {
    const found = getPath(response.body, path);
    if (!Array.isArray(found))
      throw new UpstreamError(`${call.manifest.title} answered ${call.plan.entity}.${call.plan.action} without a list at "${path}"`, {
        status: response.status,
      });
    records = found;
  }
  const page: Page = { status: response.status, headers: response.headers, body: response.body, records };
  if (call.plan.spec.cost) page.cost = reportedCost(call.manifest, response.body) ?? requestCost(call.plan, request.params);
  return page;
}
