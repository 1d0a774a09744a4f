/** The generic interpreter: connect(name) gives a Connector that runs any action a manifest declares. */
import type { Dispatcher } from "undici";
import { CreditsError, UpstreamError, ValidationError } from "../errors.js";
import type { CredentialRecord, CredentialStore } from "../credentials/types.js";
import { findManifest } from "../manifest/registry.js";
import type { Manifest } from "../manifest/types.js";
import { describeConnector, type ConnectorDescription } from "./describe.js";
import { resolveEndpoints, type Endpoints } from "./endpoints.js";
import { advance, nextPageFor, pageTotals, resumeWithin, type Page, type PageRequest } from "./pagination.js";
import { BudgetGuard } from "./budget.js";
import { estimateCost, type CostEstimate } from "./costs.js";
import type { Coordinator } from "./coordination.js";
import { checkConnectOptions } from "./options.js";
import { checkParams } from "./params.js";
import { requestId } from "./response.js";
import { getPath } from "./path.js";
import { planFor, type ActionPlan } from "./plan.js";
import type { RateLimit } from "./rate-limit.js";
import { prepareCall, sendPage, type Call, type SendOptions } from "./send.js";
import type { ActionMap, ActionName, DynamicString, EntityName, ParamsArgs, UntypedActions } from "./typed-actions.js";

export interface ConnectOptions {
  /** A credential record ({ token, account_id } ...) or a store; default: environment variables. */
  credentials?: CredentialRecord | CredentialStore;
  /** Called with the whole record when the runtime changes it (a rotated OAuth refresh token) on a plain record. */
  onCredentialsChange?: (record: CredentialRecord) => void;
  /** Named account in the credential store: default, work, ... */
  account?: string;
  /** undici Dispatcher for every request (a MockAgent in tests, a ProxyAgent behind a proxy). */
  dispatcher?: Dispatcher;
  /** API base URL; also CONNECTORS_<NAME>_BASE_URL. */
  baseUrl?: string;
  /** Other hosts the manifest names; also CONNECTORS_<NAME>_<HOST>_BASE_URL. */
  hosts?: Record<string, string>;
  /** OAuth token endpoint; also CONNECTORS_<NAME>_TOKEN_URL. */
  tokenUrl?: string;
  /** Per attempt, in ms (default 30000). */
  timeout?: number;
  /** Extra attempts after a transient failure (default 3). */
  retries?: number;
  /** Backoff between retries: full jitter over min(maxMs, baseMs * 2^attempt). */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Longest Retry-After (seconds) worth waiting for before giving up with RateLimitError (default 120). */
  maxRetryAfter?: number;
  /** Client-side pacing: false turns it off, an object replaces every group's limit; env CONNECTORS_RATE_LIMIT=off. */
  rateLimit?: false | RateLimit;
  /** Requests in flight per account (default: the manifest's, e.g. a plan's limit); false for no limit. */
  concurrency?: false | number;
  /** Shares rate windows and OAuth refreshes with other processes (replicas on one database); see coordination.ts. */
  coordinator?: Coordinator;
  /**
   * A stable name for this credential across processes (e.g. a connected account's id): with a coordinator, the
   * key of its shared rate windows and refresh lock. Default: derived from the credential in this process.
   */
  accountKey?: string;
  /** Before costly calls, check the account's balance covers the estimate (see ExecuteOptions.preflight). */
  preflight?: boolean;
  /** Run against the embedded sandbox with its fixed credentials (no account needed). */
  sandbox?: boolean;
  /** Where to find manifests other than the bundled ones. */
  connectorsDir?: string;
  /** Environment to read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface ExecuteOptions {
  /** Walk every page and return all records. */
  all?: boolean;
  /** Stop after this many records (walks pages as needed). */
  limit?: number;
  signal?: AbortSignal;
  /** Called after each page while walking (progress). */
  onPage?: (progress: { pages: number; records: number }) => void;
  /** Refuse, before sending, a call whose estimated cost is over this amount (manifest currency, e.g. USD). */
  budget?: number;
  /** Read the account's balance (cached briefly) first and fail early when it cannot cover the estimate. */
  preflight?: boolean;
}

export interface ResultMeta {
  connector: string;
  entity: string;
  action: string;
  status: number;
  request_id?: string;
  duration_ms: number;
  /** Lists only: */
  has_more?: boolean;
  /** The params for the next page (pass them back as params), or null at the end. */
  next?: Record<string, unknown> | null;
  total?: number;
  total_pages?: number;
  pages?: number;
  /** With meta.next after a walk stopped inside a page: how many records of that page were already returned. */
  skip?: number;
  /** A DELETE whose first answer was lost and whose retry found the thing gone: the first one did it. */
  already_done?: boolean;
  /** What the call spent, for actions that cost money (the API's own figure when it gives one). */
  cost?: number;
  /** Who bills that cost, when not the API itself (e.g. apify). */
  billed_by?: string;
}

export interface Result<T = unknown> {
  data: T;
  meta: ResultMeta;
}

/** How long a balance read for a pre-flight check stays good. */
const BALANCE_TTL_MS = 30_000;

export class Connector<M extends ActionMap = UntypedActions> {
  readonly name: string;
  readonly manifest: Manifest;
  private readonly options: ConnectOptions;
  private endpoints?: Promise<Endpoints>;
  private resolved?: Endpoints;
  private balanceCache?: { amount: number; at: number };

  /** A bundled connector by name, or a manifest object you loaded yourself. */
  constructor(connector: string | Manifest, options: ConnectOptions = {}) {
    checkConnectOptions(options);
    this.manifest = typeof connector === "string" ? findManifest(connector, options.connectorsDir) : connector;
    this.name = this.manifest.name;
    this.options = options;
  }

  /** Entities with their action names. */
  get entities(): { name: string; description: string; actions: string[] }[] {
    return Object.entries(this.manifest.entities).map(([name, e]) => ({ name, description: e.description, actions: Object.keys(e.actions) }));
  }

  describe(): ConnectorDescription {
    return describeConnector(this.manifest);
  }

  /** Typed by the generated action map: entity, action and params are checked at compile time, and data is typed. */
  execute<E extends EntityName<M>, A extends ActionName<M, E>>(entity: E, action: A, ...args: ParamsArgs<M[E][A]["params"], ExecuteOptions>): Promise<Result<M[E][A]["data"]>>;
  /** An entity known only at run time, or an explicit data type: checked when the call is made. */
  execute<T = unknown, E extends string = string>(entity: DynamicString<E>, action: string, params?: Record<string, unknown>, options?: ExecuteOptions): Promise<Result<T>>;
  async execute<T = unknown>(entity: string, action: string, params: object = {}, options: ExecuteOptions = {}): Promise<Result<T>> {
    const started = performance.now();
    const plan = this.plan(entity, action);
    const checked = checkParams(plan, this.name, params);
    if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0))
      throw new ValidationError(`limit must be a positive whole number (got ${JSON.stringify(options.limit)})`);
    const walking = !!plan.pagination && (options.all || options.limit !== undefined);
    const guard = plan.spec.cost ? await this.budgetGuard(plan, checked, options, walking) : undefined;
    const call = await this.call(plan, options);
    if (walking) return this.collect(call, checked, options, started, guard) as Promise<Result<T>>;
    const page = await sendPage(call, { params: checked });
    guard?.record(page.cost);
    const next = plan.pagination ? nextOrNone(call, { params: checked }, page) : undefined;
    const data = plan.spec.records ? page.records : getPath(page.body, plan.spec.record);
    const meta = this.meta(plan, page, started, guard);
    if (plan.pagination) Object.assign(meta, { has_more: !!next, next: next?.params ?? null, ...pageTotals(plan.pagination, page.body) });
    return { data: data as T, meta };
  }

  /** Every record of a list, one page in memory at a time. */
  async *paginate<T = unknown>(entity: string, action: string, params: Record<string, unknown> = {}, options: ExecuteOptions = {}): AsyncGenerator<T> {
    for await (const page of this.pages(entity, action, params, options)) for (const record of page.records) yield record as T;
  }

  /** Every page of a list as it arrives. */
  async *pages(entity: string, action: string, params: Record<string, unknown> = {}, options: ExecuteOptions = {}): AsyncGenerator<Page> {
    const plan = this.plan(entity, action);
    const checked = checkParams(plan, this.name, params);
    // The estimate covers the records asked for, or every page.
    const guard = await this.budgetGuard(plan, checked, options.limit !== undefined ? options : { ...options, all: true }, true);
    const call = await this.call(plan, options);
    for await (const { page } of this.walk(call, checked, guard)) yield page;
  }

  /** What a call would cost, from the manifest's declared costs (0 for actions without one). */
  estimate(entity: string, action: string, params: Record<string, unknown> = {}, walk: { all?: boolean; limit?: number } = {}): CostEstimate {
    const plan = this.plan(entity, action);
    return estimateCost(this.manifest, plan, checkParams(plan, this.name, params), walk);
  }

  /** The compiled action, or a ValidationError listing what exists. */
  plan(entity: string, action: string): ActionPlan {
    const entitySpec = this.manifest.entities[entity];
    if (!entitySpec || !Object.hasOwn(this.manifest.entities, entity))
      throw new ValidationError(`unknown entity "${entity}" for ${this.name}; entities: ${Object.keys(this.manifest.entities).join(", ")}`, [
        { param: "entity", message: "unknown" },
      ]);
    const spec = Object.hasOwn(entitySpec.actions, action) ? entitySpec.actions[action] : undefined;
    if (!spec)
      throw new ValidationError(`unknown action "${action}" for ${this.name} ${entity}; actions: ${Object.keys(entitySpec.actions).join(", ")}`, [
        { param: "action", message: "unknown" },
      ]);
    return planFor(this.manifest, entity, action, spec);
  }

  private async call(plan: ActionPlan, options: ExecuteOptions): Promise<Call> {
    // Resolved once; later calls skip the await (a hot path: every call comes through here).
    const endpoints = this.resolved ?? (this.resolved = await (this.endpoints ??= resolveEndpoints(this.manifest, this.options)));
    const send: SendOptions = {
      dispatcher: this.options.dispatcher,
      timeoutMs: this.options.timeout ?? 30_000,
      retries: this.options.retries ?? 3,
      backoffBaseMs: this.options.backoff?.baseMs ?? 250,
      backoffMaxMs: this.options.backoff?.maxMs ?? 8_000,
      maxRetryAfterMs: (this.options.maxRetryAfter ?? 120) * 1000,
      signal: options.signal,
    };
    const call = await prepareCall(this.manifest, plan, endpoints, this.options.account ?? "default", send);
    if (plan.pagination) call.nextPage = nextPageFor(plan, call.baseUrl, plan.spec.host ? this.manifest.hosts![plan.spec.host]! : this.manifest.base_url);
    return call;
  }

  /** Sends pages one after another, each checked against the budget before it goes. */
  private async *walk(call: Call, params: Record<string, unknown>, guard: BudgetGuard | undefined): AsyncGenerator<{ request: PageRequest; page: Page; next?: PageRequest }> {
    let request: PageRequest | undefined = { params };
    let pages = 0;
    let totalPages: number | undefined;
    while (request) {
      if (pages > 0) guard?.checkNext(pages, totalPages);
      const page = await sendPage(call, request);
      pages++;
      guard?.record(page.cost);
      totalPages = pageTotals(call.plan.pagination, page.body).total_pages;
      const next = advance(request, call.nextPage(request, page));
      yield { request, page, next };
      request = next;
    }
  }

  private async collect(call: Call, params: Record<string, unknown>, options: ExecuteOptions, started: number, guard?: BudgetGuard): Promise<Result> {
    const records: unknown[] = [];
    const limit = options.limit ?? Infinity;
    let pages = 0;
    let last: Page | undefined;
    let next: PageRequest | undefined;
    let cut: { request: PageRequest; taken: number } | undefined;
    for await (const step of this.walk(call, params, guard)) {
      ({ page: last, next } = step);
      pages++;
      const room = limit - records.length;
      if (last.records.length > room) cut = { request: step.request, taken: room };
      records.push(...last.records.slice(0, room));
      options.onPage?.({ pages, records: records.length });
      if (records.length >= limit) break;
    }
    const meta = this.meta(call.plan, last!, started, guard);
    // Stopped inside a page: meta.next must not skip the rest of it.
    const resume: { next?: PageRequest; skip?: number } = cut ? resumeWithin(call.plan.pagination!, cut.request, cut.taken) : { next };
    Object.assign(meta, { pages, has_more: !!resume.next, next: resume.next?.params ?? null, ...pageTotals(call.plan.pagination, last?.body) });
    if (resume.skip) meta.skip = resume.skip;
    return { data: records, meta };
  }

  /** For actions that cost money: the estimate against the budget and, when asked, the account's balance. */
  private async budgetGuard(plan: ActionPlan, params: Record<string, unknown>, options: ExecuteOptions, walking: boolean): Promise<BudgetGuard | undefined> {
    if (!plan.spec.cost) return undefined;
    const estimate = estimateCost(this.manifest, plan, params, walking ? options : {});
    const guard = new BudgetGuard(estimate, options.budget, `${this.name} ${plan.entity}.${plan.action}`, (spent) => {
      if (this.balanceCache && estimate.billed_by === this.name) this.balanceCache.amount -= spent;
    });
    guard.checkUpFront();
    if ((options.preflight ?? this.options.preflight) && estimate.billed_by === this.name) await this.checkBalance(estimate);
    return guard;
  }

  /** The account's balance, read with the manifest's balance action and cached briefly. */
  async balance(): Promise<number> {
    const spec = this.manifest.costs?.balance;
    if (!spec) throw new ValidationError(`${this.name} declares no way to read an account balance`);
    if (this.balanceCache && Date.now() - this.balanceCache.at < BALANCE_TTL_MS) return this.balanceCache.amount;
    const { data } = await this.execute(spec.entity, spec.action, {});
    const amount = getPath(data, spec.path);
    if (typeof amount !== "number") throw new UpstreamError(`${this.manifest.title} gave no balance at "${spec.path}"`, { status: 200 });
    this.balanceCache = { amount, at: Date.now() };
    return amount;
  }

  private async checkBalance(estimate: CostEstimate): Promise<void> {
    if (!this.manifest.costs?.balance || estimate.per_request === 0) return;
    const balance = await this.balance();
    const needed = estimate.requests === null ? estimate.per_request : estimate.amount;
    if (balance >= needed) return;
    throw new CreditsError(
      `the ${this.manifest.title} balance (${balance} ${estimate.currency}) cannot cover this call's estimated ${needed} ${estimate.currency}; top up the account; nothing was sent`,
      { balance, cost: needed },
    );
  }

  private meta(plan: ActionPlan, page: Page, started: number, guard?: BudgetGuard): ResultMeta {
    const meta: ResultMeta = {
      connector: this.name,
      entity: plan.entity,
      action: plan.action,
      status: page.status,
      duration_ms: Math.round(performance.now() - started),
    };
    if (page.alreadyDone) meta.already_done = true;
    if (guard) {
      meta.cost = guard.spent;
      if (plan.spec.cost?.billed_by) meta.billed_by = plan.spec.cost.billed_by;
    }
    const id = requestId(page.headers);
    if (id) meta.request_id = id;
    return meta;
  }
}

/** Any connector, whatever its action map: what code that runs actions by name at run time takes. */
export type AnyConnector = Connector<any>;

/** The next page of a single-page call; a link that cannot be followed ends the list there rather than losing this page. */
function nextOrNone(call: Call, request: PageRequest, page: Page): PageRequest | undefined {
  try {
    return call.nextPage(request, page);
  } catch {
    return undefined;
  }
}

/** A Connector for a bundled connector by name, or a manifest object you loaded yourself. */
export function connect(connector: string | Manifest, options: ConnectOptions = {}): Connector {
  return new Connector(connector, options);
}
