/** The generic interpreter: a Connector runs any action a manifest declares, within its scope, walking lists exactly. */
import { CreditsError, UpstreamError, ValidationError } from "../errors.js";
import { actionAnnotations } from "../manifest/annotations.js";
import { findManifest } from "../manifest/registry.js";
import type { Manifest } from "../manifest/types.js";
import { BudgetGuard } from "./budget.js";
import { callRecord, type CallTrace } from "./call-record.js";
import { estimateCost, type CostEstimate } from "./costs.js";
import { decodeCursor, encodeCursor, type CursorTarget } from "./cursor.js";
import { describeConnector, type ConnectorDescription } from "./describe.js";
import { resolveEndpoints, type Endpoints } from "./endpoints.js";
import { parseFields, projectRecord } from "./fields.js";
import { checkCallInput as checkInput, checkParamsLimits } from "./limits.js";
import { checkRecordFields } from "./record-fields.js";
import { checkConnectOptions, checkExecuteOptions } from "./options.js";
import { nextPageFor, pageTotals, positionWithin, type Page, type Position } from "./pagination.js";
import { checkParams, differingParams } from "./params.js";
import { getPath } from "./path.js";
import { planFor, type ActionPlan } from "./plan.js";
import { requestId } from "./response.js";
import { checkScope, inScopes, scopeError, type Scope } from "./scope.js";
import type { ConnectOptions, ExecuteOptions, Result, ResultMeta } from "./types.js";
import { prepareCall, sendPage, type Call, type SendOptions } from "./send.js";
import type { ActionMap, ActionName, DynamicString, EntityName, ListActionName, ParamsArgs, RecordOf, UntypedActions } from "./typed-actions.js";
import { RecordWalk, type Slice } from "./walk.js";

export type { ConnectOptions, ExecuteOptions, Result, ResultMeta } from "./types.js";

/** How long a balance read for a pre-flight check stays good. */
const BALANCE_TTL_MS = 30_000;

/** What a connection and the connections narrowed from it share. */
interface Shared {
  endpoints?: Promise<Endpoints>;
  resolved?: Endpoints;
  balance?: { amount: number; at: number };
}

/** How a list result was assembled, to name the position after any of its records (cursorAfter). */
interface Assembly {
  target: CursorTarget;
  plan: ActionPlan;
  slices: { at: Position; count: number }[];
  resume?: Position;
}

const assemblies = new WeakMap<object, Assembly>();

/** A connection's own class (the library's, say), to make another on the same manifest. */
type Same<T> = new (connector: Manifest, options: ConnectOptions, narrowed: { shared: Shared; scopes: readonly Scope[] }) => T;

export class Connector<M extends ActionMap = UntypedActions> {
  readonly name: string;
  readonly manifest: Manifest;
  /** Every scope this connection is held to (its own and those it was narrowed with). */
  readonly scopes: readonly Scope[];
  private readonly options: ConnectOptions;
  private readonly shared: Shared;

  /** A bundled connector by name, or a manifest object you loaded yourself. */
  constructor(connector: string | Manifest, options: ConnectOptions = {}, narrowed?: { shared: Shared; scopes: readonly Scope[] }) {
    checkConnectOptions(options);
    this.manifest = typeof connector === "string" ? findManifest(connector, options.connectorsDir) : connector;
    this.name = this.manifest.name;
    this.options = options;
    const own = { allow: options.allow, readOnly: options.readOnly };
    if (!narrowed) checkScope(this.manifest, own);
    this.scopes = narrowed?.scopes ?? (own.allow || own.readOnly ? [own] : []);
    this.shared = narrowed?.shared ?? {};
  }

  /** Entities with their action names. */
  get entities(): { name: string; description: string; actions: string[] }[] {
    return Object.entries(this.manifest.entities).map(([name, e]) => ({ name, description: e.description, actions: Object.keys(e.actions) }));
  }

  describe(): ConnectorDescription {
    return describeConnector(this.manifest);
  }

  /** The same connection (credentials, pacing, caches) held to narrower scopes as well: every one must allow an action. */
  withScope(...scopes: Scope[]): this {
    for (const scope of scopes) checkScope(this.manifest, scope);
    const narrowing = scopes.filter((scope) => scope.allow || scope.readOnly);
    if (!narrowing.length) return this;
    return new (this.constructor as Same<this>)(this.manifest, this.options, { shared: this.shared, scopes: [...this.scopes, ...narrowing] });
  }

  /** The same connector, options and scopes on another named account of the credential store (its own pacing and balance). */
  withAccount(account: string): this {
    if (typeof account !== "string" || !account) throw new ValidationError('an account name must be a non-empty string, such as "work"');
    return new (this.constructor as Same<this>)(this.manifest, { ...this.options, account }, { shared: {}, scopes: this.scopes });
  }

  /** Whether this connection may run the action (it exists and is in scope). */
  allows(entity: string, action: string): boolean {
    const spec = Object.hasOwn(this.manifest.entities, entity) ? this.manifest.entities[entity]!.actions : undefined;
    if (!spec || !Object.hasOwn(spec, action)) return false;
    // The annotations alone: compiling the action's plan (its validator) is for when it runs.
    return inScopes(this.scopes, entity, action, actionAnnotations(spec[action]!).read_only);
  }

  /** Typed by the generated action map: entity, action and params are checked at compile time, and data is typed. */
  execute<E extends EntityName<M>, A extends ActionName<M, E>>(entity: E, action: A, ...args: ParamsArgs<M[E][A]["params"], ExecuteOptions>): Promise<Result<M[E][A]["data"]>>;
  /** An entity known only at run time, or an explicit data type: checked when the call is made. */
  execute<T = unknown, E extends string = string>(entity: DynamicString<E>, action: string, params?: Record<string, unknown>, options?: ExecuteOptions): Promise<Result<T>>;
  execute<T = unknown>(entity: string, action: string, params: object = {}, options: ExecuteOptions = {}): Promise<Result<T>> {
    // Not async itself: a call without an audit hook is the promise perform makes, with no wrapper around it.
    const { onCall } = this.options;
    return (onCall ? this.recorded(onCall, entity, action, params, options) : this.perform(entity, action, params, options)) as Promise<Result<T>>;
  }

  private async recorded(onCall: NonNullable<ConnectOptions["onCall"]>, entity: string, action: string, params: object, options: ExecuteOptions): Promise<Result> {
    const call = { entity, action, params, started: performance.now(), signal: options?.signal };
    const trace: CallTrace = {};
    let result: Result;
    try {
      result = await this.perform(entity, action, params, options, trace);
    } catch (error) {
      await onCall(callRecord(this.manifest, call, trace, error));
      throw error;
    }
    trace.status = result.meta.status;
    await onCall(callRecord(this.manifest, call, trace));
    return result;
  }

  private async perform(entity: string, action: string, params: object, options: ExecuteOptions, trace?: CallTrace): Promise<Result> {
    const started = performance.now();
    checkInput(entity, action, params);
    const plan = this.plan(entity, action);
    checkExecuteOptions(options);
    const fields = parseFields(options.fields);
    const endpoints = this.shared.resolved ?? (await this.endpoints());
    if (!plan.spec.records) return await this.single(plan, endpoints, params, options, fields, started, trace);
    const target = this.cursorTarget(plan, endpoints);
    const start = this.start(plan, target, params, options);
    const walking = options.all === true || options.limit !== undefined;
    const guard = plan.spec.cost ? await this.budgetGuard(plan, start.request.params, options, walking && !!plan.pagination, trace) : undefined;
    const prepared = this.prepare(plan, endpoints, options);
    const call = prepared instanceof Promise ? await prepared : prepared;
    const walk = new RecordWalk(call, start, { limit: options.limit ?? Infinity, maxPages: walking ? Infinity : 1, guard, onPage: options.onPage });
    const slices: Slice[] = [];
    for await (const slice of walk) slices.push(slice);
    const data = slices.flatMap((s) => (fields ? s.records.map((r) => projectRecord(r, fields)) : s.records));
    const meta = this.meta(plan, walk.last!, started, guard, fields);
    const resume = walk.resume;
    meta.has_more = !!resume;
    if (resume) meta.cursor = encodeCursor(target, resume);
    // Page-level callers get the next page's params only at a page boundary (mid-page, only the cursor is exact).
    if (!resume) meta.next = null;
    else if (resume.skip === 0) meta.next = resume.request.params;
    Object.assign(meta, pageTotals(plan.pagination, walk.last!.body));
    if (walking) meta.pages = walk.pages;
    const result = { data, meta };
    assemblies.set(result, { target, plan, slices: slices.map((s) => ({ at: s.at, count: s.records.length })), resume });
    return result;
  }

  /**
   * The cursor that goes on after the first `count` records of a list result's data (a caller that hands on only
   * part of a result, such as an agent tool cutting it to size); undefined when nothing remains after them.
   */
  cursorAfter(result: Result, count: number): string | undefined {
    const assembly = assemblies.get(result);
    if (!assembly) throw new ValidationError("cursorAfter needs a list result returned by execute");
    let first = 0;
    for (const slice of assembly.slices) {
      if (count < first + slice.count) return encodeCursor(assembly.target, positionWithin(assembly.plan.pagination, slice.at, count - first));
      first += slice.count;
    }
    return assembly.resume && encodeCursor(assembly.target, assembly.resume);
  }

  /** Every record of a list, one page in memory at a time (options: limit, cursor, fields, budget, signal); typed by the action map. */
  paginate<E extends EntityName<M>, A extends ListActionName<M, E>>(entity: E, action: A, ...args: ParamsArgs<M[E][A]["params"], ExecuteOptions>): AsyncGenerator<RecordOf<M[E][A]["data"]>>;
  /** An entity known only at run time, or an explicit record type: checked when the call is made. */
  paginate<T = unknown, E extends string = string>(entity: DynamicString<E>, action: string, params?: Record<string, unknown>, options?: ExecuteOptions): AsyncGenerator<T>;
  async *paginate<T = unknown>(entity: string, action: string, params: object = {}, options: ExecuteOptions = {}): AsyncGenerator<T> {
    const fields = parseFields(options.fields);
    for await (const page of this.pages(entity, action, params as Record<string, unknown>, options))
      for (const record of page.records) yield (fields ? projectRecord(record, fields) : record) as T;
  }

  /** Every page of a list as it arrives; with `limit`, the last one holds only the records up to it. */
  async *pages(entity: string, action: string, params: Record<string, unknown> = {}, options: ExecuteOptions = {}): AsyncGenerator<Page> {
    const { onCall } = this.options;
    if (!onCall) return yield* this.walkPages(entity, action, params, options);
    const call = { entity, action, params, started: performance.now(), signal: options?.signal };
    const trace: CallTrace = {};
    let failure: { error: unknown } | undefined;
    try {
      for await (const page of this.walkPages(entity, action, params, options, trace)) {
        trace.status = page.status;
        yield page;
      }
    } catch (error) {
      failure = { error };
      throw error;
    } finally {
      // Also when the caller stops early: the walk ended there.
      await onCall(callRecord(this.manifest, call, trace, failure?.error));
    }
  }

  private async *walkPages(entity: string, action: string, params: Record<string, unknown>, options: ExecuteOptions, trace?: CallTrace): AsyncGenerator<Page> {
    checkInput(entity, action, params);
    const plan = this.plan(entity, action);
    checkExecuteOptions(options);
    const endpoints = await this.endpoints();
    const start = this.start(plan, this.cursorTarget(plan, endpoints), params, options);
    // The estimate covers the records asked for, or every page.
    const guard = await this.budgetGuard(plan, start.request.params, options.limit !== undefined ? options : { ...options, all: true }, true, trace);
    const call = await this.prepare(plan, endpoints, options);
    const walk = new RecordWalk(call, start, { limit: options.limit ?? Infinity, maxPages: Infinity, guard, onPage: options.onPage });
    for await (const slice of walk) yield { ...slice.page, records: slice.records };
  }

  /** What a call would cost, from the manifest's declared costs (0 for actions without one). */
  estimate(entity: string, action: string, params: Record<string, unknown> = {}, walk: { all?: boolean; limit?: number } = {}): CostEstimate {
    checkInput(entity, action, params);
    const plan = this.plan(entity, action);
    return estimateCost(this.manifest, plan, checkParams(plan, this.name, params), walk);
  }

  /** The compiled action; a ValidationError listing what exists, or a ScopeError when this connection may not run it. */
  plan(entity: string, action: string): ActionPlan {
    const entitySpec = typeof entity === "string" && Object.hasOwn(this.manifest.entities, entity) ? this.manifest.entities[entity] : undefined;
    if (!entitySpec)
      throw new ValidationError(`unknown entity ${JSON.stringify(entity)} for ${this.name}; entities: ${this.offered().join(", ")}`);
    const spec = typeof action === "string" && Object.hasOwn(entitySpec.actions, action) ? entitySpec.actions[action] : undefined;
    if (!spec)
      throw new ValidationError(`unknown action ${JSON.stringify(action)} for ${this.name} ${entity}; ${entity} actions: ${this.offered(entity).join(", ")}`);
    const plan = planFor(this.manifest, entity, action, spec);
    if (!inScopes(this.scopes, entity, action, plan.readOnly)) {
      const inScope = this.offered(entity);
      throw scopeError(this.name, entity, action, plan.readOnly, this.scopes, inScope.length ? `${entity} actions in scope: ${inScope.join(", ")}` : `entities in scope: ${this.offered().join(", ")}`);
    }
    return plan;
  }

  /** The entities this connection may use, or one entity's actions it may run (to list when a name is wrong). */
  private offered(entity?: string): string[] {
    if (entity === undefined) return this.entities.filter((e) => e.actions.some((a) => this.allows(e.name, a))).map((e) => e.name);
    return Object.keys(this.manifest.entities[entity]!.actions).filter((a) => this.allows(entity, a));
  }

  /** An action that answers with one record (or nothing): one request, no walk. */
  private async single(plan: ActionPlan, endpoints: Endpoints, params: object, options: ExecuteOptions, fields: string[] | undefined, started: number, trace?: CallTrace): Promise<Result> {
    if (options.cursor !== undefined) throw new ValidationError(`${this.name} ${plan.entity}.${plan.action} is not a list: it takes no cursor`, [{ param: "cursor", message: "not a list" }]);
    const checked = checkParams(plan, this.name, params);
    const guard = plan.spec.cost ? await this.budgetGuard(plan, checked, options, false, trace) : undefined;
    const prepared = this.prepare(plan, endpoints, options);
    const page = await sendPage(prepared instanceof Promise ? await prepared : prepared, { params: checked });
    guard?.record(page.cost);
    return { data: projectRecord(getPath(page.body, plan.spec.record), fields), meta: this.meta(plan, page, started, guard, fields) };
  }

  /** Where a list starts: the cursor's position (its params checked again), or page one of these params. */
  private start(plan: ActionPlan, target: CursorTarget, params: object, options: ExecuteOptions): Position {
    if (options.cursor === undefined) return { request: { params: checkParams(plan, this.name, withPageSize(plan, params, options.pageSize)) }, skip: 0 };
    const position = decodeCursor(options.cursor, target);
    // A cursor is not trusted: its params meet the same limits as any caller's.
    checkParamsLimits(position.request.params);
    const checked = checkParams(plan, this.name, position.request.params);
    const differing = differingParams(plan, checked, params);
    if (differing.length)
      throw new ValidationError("params differ from the cursor's; to change filters start again without a cursor, to go on pass only the cursor", [
        { param: differing.join(", "), message: "differs from the cursor's value" },
      ]);
    return { request: { ...position.request, params: checked }, skip: position.skip };
  }

  private cursorTarget(plan: ActionPlan, endpoints: Endpoints): CursorTarget {
    return { connector: this.name, entity: plan.entity, action: plan.action, baseUrl: baseUrlFor(plan, endpoints) };
  }

  private async endpoints(): Promise<Endpoints> {
    // Resolved once; later calls read shared.resolved without an await (a hot path: every call comes through here).
    const { shared } = this;
    return shared.resolved ?? (shared.resolved = await (shared.endpoints ??= resolveEndpoints(this.manifest, this.options)));
  }

  /** The call, at once when the credential store answers at once (no turn of the event loop on the hot path). */
  private prepare(plan: ActionPlan, endpoints: Endpoints, options: ExecuteOptions): Call | Promise<Call> {
    const send: SendOptions = {
      dispatcher: endpoints.dispatcher,
      timeoutMs: this.options.timeout ?? 30_000,
      retries: this.options.retries ?? 3,
      backoffBaseMs: this.options.backoff?.baseMs ?? 250,
      backoffMaxMs: this.options.backoff?.maxMs ?? 8_000,
      maxRetryAfterMs: (this.options.maxRetryAfter ?? 120) * 1000,
      maxResponseBytes: this.options.maxResponseBytes,
      signal: options.signal,
    };
    const call = prepareCall(this.manifest, plan, endpoints, this.options.account ?? "default", send);
    return call instanceof Promise ? call.then((c) => this.withNextPage(plan, c)) : this.withNextPage(plan, call);
  }

  private withNextPage(plan: ActionPlan, call: Call): Call {
    if (plan.pagination) call.nextPage = nextPageFor(plan, call.baseUrl, plan.spec.host ? this.manifest.hosts![plan.spec.host]! : this.manifest.base_url);
    return call;
  }

  /** For actions that cost money: the estimate against the budget and, when asked, the account's balance. */
  private async budgetGuard(plan: ActionPlan, params: Record<string, unknown>, options: ExecuteOptions, walking: boolean, trace?: CallTrace): Promise<BudgetGuard | undefined> {
    if (!plan.spec.cost) return undefined;
    const estimate = estimateCost(this.manifest, plan, params, walking ? options : {});
    const guard = new BudgetGuard(estimate, options.budget, `${this.name} ${plan.entity}.${plan.action}`, (spent) => {
      if (this.shared.balance && estimate.billed_by === this.name) this.shared.balance.amount -= spent;
      options.onCost?.(spent);
    });
    if (trace) trace.cost = () => guard.spent;
    guard.checkUpFront();
    if ((options.preflight ?? this.options.preflight) && estimate.billed_by === this.name) await this.checkBalance(estimate);
    await options.beforeSpending?.(estimate);
    return guard;
  }

  /** The account's balance, read with the manifest's balance action and cached briefly. */
  async balance(): Promise<number> {
    const spec = this.manifest.costs?.balance;
    if (!spec) throw new ValidationError(`${this.name} declares no way to read an account balance`);
    const cached = this.shared.balance;
    if (cached && Date.now() - cached.at < BALANCE_TTL_MS) return cached.amount;
    const { data } = await this.execute(spec.entity, spec.action, {});
    const amount = getPath(data, spec.path);
    if (typeof amount !== "number") throw new UpstreamError(`${this.manifest.title} gave no balance at "${spec.path}"`, { status: 200 });
    this.shared.balance = { amount, at: Date.now() };
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

  private meta(plan: ActionPlan, page: Page, started: number, guard?: BudgetGuard, fields?: string[]): ResultMeta {
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
    // Fields the records do not have come back empty: say which, and what there is, rather than leave a blank column.
    const check = fields && checkRecordFields(this.manifest, plan.spec, fields);
    if (check?.unknown.length) meta.unknown_fields = { fields: check.unknown, valid: check.valid };
    return meta;
  }
}

/** Any connector, whatever its action map: what code that runs actions by name at run time takes. */
export type AnyConnector = Connector<any>;

function baseUrlFor(plan: ActionPlan, endpoints: Endpoints): string {
  return plan.spec.host ? endpoints.hosts[plan.spec.host]! : endpoints.baseUrl;
}

/** The params with the page size asked for, unless they set one (or the action has none). */
function withPageSize(plan: ActionPlan, params: object, pageSize: number | undefined): object {
  const sizeParam = plan.pagination?.size_param;
  const given = params as Record<string, unknown>;
  if (pageSize === undefined || !sizeParam || typeof params !== "object" || params === null || Array.isArray(params) || given[sizeParam] !== undefined) return params;
  return { ...params, [sizeParam]: pageSize };
}

/** A Connector for a bundled connector by name, or a manifest object you loaded yourself. */
export function connect(connector: string | Manifest, options: ConnectOptions = {}): Connector {
  return new Connector(connector, options);
}
