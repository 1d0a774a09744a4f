/** What calls cost, from the manifest's declarations: per request, per page, per item, and the API's own figure. */
import type { Manifest } from "../manifest/types.js";
import { getPath } from "./path.js";
import type { ActionPlan } from "./plan.js";

export interface CostEstimate {
  /** Estimated total, in `currency`; 0 for actions that declare no cost. */
  amount: number;
  currency: string;
  /** Cost of one request (one page, for lists). */
  per_request: number;
  /** Requests (pages) the estimate covers; null when the number of pages cannot be known before the first answer. */
  requests: number | null;
  /** Who bills it: the API itself unless the manifest says otherwise (e.g. apify). */
  billed_by: string;
  note?: string;
}

/** The cost of one request with these params. */
export function requestCost(plan: ActionPlan, params: Record<string, unknown>): number {
  const cost = plan.spec.cost;
  if (!cost) return 0;
  const amount = cost.when?.find((w) => params[w.param] === w.equals)?.amount ?? cost.amount;
  if (cost.per !== "item") return amount;
  const items = params[cost.items_param!];
  return amount * (Array.isArray(items) ? items.length : 1);
}

/** What the API says a response cost, when it says. */
export function reportedCost(manifest: Manifest, body: unknown): number | undefined {
  const value = manifest.costs?.response_path ? getPath(body, manifest.costs.response_path) : undefined;
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** How many requests a call will make: 1 for one page; for a walk, from the limit and page size or the API's page cap. */
export function requestsFor(plan: ActionPlan, params: Record<string, unknown>, walk: { all?: boolean; limit?: number }): number | null {
  const strategy = plan.pagination;
  if (!strategy || (!walk.all && walk.limit === undefined)) return 1;
  const size = Number(strategy.size_param ? (params[strategy.size_param] ?? strategy.page_size) : strategy.page_size);
  const cap = strategy.type === "page_number" ? (strategy.max_pages ?? null) : null;
  if (walk.limit !== undefined && size > 0) {
    const pages = Math.ceil(walk.limit / size);
    return cap === null ? pages : Math.min(pages, cap);
  }
  return cap;
}

export function estimateCost(manifest: Manifest, plan: ActionPlan, params: Record<string, unknown>, walk: { all?: boolean; limit?: number } = {}): CostEstimate {
  const perRequest = requestCost(plan, params);
  const requests = perRequest === 0 ? 1 : requestsFor(plan, params, walk);
  const estimate: CostEstimate = {
    amount: round(perRequest * (requests ?? 1)),
    currency: manifest.costs?.currency ?? "USD",
    per_request: perRequest,
    requests,
    billed_by: plan.spec.cost?.billed_by ?? manifest.name,
  };
  if (plan.spec.cost?.note) estimate.note = plan.spec.cost.note;
  return estimate;
}

/** Money in floating point: keep it to a millionth so sums print as people expect. */
export function round(amount: number): number {
  return Math.round(amount * 1e6) / 1e6;
}
