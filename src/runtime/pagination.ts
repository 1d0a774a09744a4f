/**
 * Pagination strategies. Each is a pure function from (this request, this page) to the next request or nothing,
 * one per member of the manifest's strategy union; the record walk (walk.ts) drives any of them.
 */
import { UpstreamError } from "../errors.js";
import type { CursorPagination, LinkPagination, OffsetPagination, PageNumberPagination, PagingStrategy } from "../manifest/types.js";
import { coerceValue } from "./params.js";
import { getPath } from "./path.js";
import type { ActionPlan, WireParam } from "./plan.js";
import { queryString } from "./request.js";

export interface PageRequest {
  params: Record<string, unknown>;
  /** A URL the API handed out for this page (link strategy); the params then only describe it. */
  url?: string;
}

export interface Page {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  records: unknown[];
  /** What this page cost, for actions that declare a cost. */
  cost?: number;
  /** A DELETE whose answer was lost and that, sent again, found the thing already gone. */
  alreadyDone?: boolean;
}

export type NextPage = (request: PageRequest, page: Page) => PageRequest | undefined;

/** The next request, refusing one that asks for the same page again (an API that ignores the page param would loop forever). */
export function advance(current: PageRequest, next: PageRequest | undefined): PageRequest | undefined {
  if (next && next.url === current.url && sameParams(next.params, current.params))
    throw new UpstreamError("the API answered with the same next page again; stopping instead of looping", { status: 200 });
  return next;
}

/** Params equal value by value (JSON for arrays and objects): a page param that moved is found at once. */
function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key] || (typeof a[key] === "object" && JSON.stringify(a[key]) === JSON.stringify(b[key])));
}

const numberAt = (body: unknown, path: string | undefined): number | undefined => {
  const value = path ? getPath(body, path) : undefined;
  return typeof value === "number" ? value : undefined;
};

/**
 * Follows a URL in the body, keeping every filter of the first request. Links to the API's declared host are moved
 * onto the configured base URL (a proxy or sandbox); links to any other host are refused.
 */
function paginateLink(strategy: LinkPagination, plan: ActionPlan, baseUrl: string, declaredBaseUrl: string): NextPage {
  const origin = new URL(baseUrl).origin;
  const declared = declaredBaseUrl.replace(/\/+$/, "");
  return (request, page) => {
    const link = getPath(page.body, strategy.next);
    if (typeof link !== "string" || link === "") return undefined;
    const url = new URL(onConfiguredBase(link, baseUrl, declared), baseUrl);
    // Credentials go only where the first request went.
    if (url.origin !== origin) throw new UpstreamError(`the API's next-page link points to another host (${url.origin}); refusing to follow it`, { status: page.status });
    const params = { ...request.params };
    const missing: WireParam[] = [];
    for (const p of plan.query) {
      const value = url.searchParams.get(p.wire);
      if (value !== null) params[p.name] = coerceValue(value, plan.schema.properties?.[p.name]);
      else if (params[p.name] !== undefined) missing.push(p);
    }
    const extra = queryString(missing, params);
    if (extra) url.search = url.search ? `${url.search}&${extra}` : `?${extra}`;
    return { params, url: url.toString() };
  };
}

function onConfiguredBase(link: string, baseUrl: string, declared: string): string {
  return declared !== baseUrl && (link === declared || link.startsWith(`${declared}/`) || link.startsWith(`${declared}?`))
    ? baseUrl + link.slice(declared.length)
    : link;
}

function paginatePageNumber(strategy: PageNumberPagination): NextPage {
  return (request, page) => {
    if (page.records.length === 0) return undefined;
    const current = numberAt(page.body, strategy.page) ?? Number(request.params[strategy.param] ?? 1);
    if (strategy.max_pages !== undefined && current >= strategy.max_pages) return undefined;
    const totalPages = numberAt(page.body, strategy.total_pages);
    const size = strategy.size_param ? Number(request.params[strategy.size_param]) : NaN;
    const more = totalPages !== undefined ? current < totalPages : !(page.records.length < size);
    if (!more) return undefined;
    const params = { ...request.params, [strategy.param]: current + 1 };
    // Some APIs hand out a token on the first page that every later page must carry.
    const token = strategy.token ? getPath(page.body, strategy.token) : undefined;
    if (strategy.token_param && typeof token === "string" && token) params[strategy.token_param] = token;
    return { params };
  };
}

function paginateCursor(strategy: CursorPagination): NextPage {
  return (request, page) => {
    const token = getPath(page.body, strategy.next);
    if (token === undefined || token === null || token === "" || page.records.length === 0) return undefined;
    return { params: { ...request.params, [strategy.param]: token } };
  };
}

function paginateOffset(strategy: OffsetPagination): NextPage {
  return (request, page) => {
    if (page.records.length === 0) return undefined;
    const offset = Number(request.params[strategy.param] ?? 0) + page.records.length;
    const total = numberAt(page.body, strategy.total);
    const size = strategy.size_param ? Number(request.params[strategy.size_param]) : NaN;
    if ((total !== undefined && offset >= total) || page.records.length < size) return undefined;
    return { params: { ...request.params, [strategy.param]: offset } };
  };
}

const noNextPage: NextPage = () => undefined;

// One next-page function per action and base URL: made on an action's first call, not on every call.
const nextPages = new WeakMap<ActionPlan, Map<string, NextPage>>();

export function nextPageFor(plan: ActionPlan, baseUrl: string, declaredBaseUrl: string): NextPage {
  let byBase = nextPages.get(plan);
  if (!byBase) nextPages.set(plan, (byBase = new Map()));
  let next = byBase.get(baseUrl);
  if (!next) byBase.set(baseUrl, (next = strategyFor(plan, baseUrl, declaredBaseUrl)));
  return next;
}

function strategyFor(plan: ActionPlan, baseUrl: string, declaredBaseUrl: string): NextPage {
  const strategy = plan.pagination;
  switch (strategy?.type) {
    case "link":
      return paginateLink(strategy, plan, baseUrl, declaredBaseUrl);
    case "page_number":
      return paginatePageNumber(strategy);
    case "cursor":
      return paginateCursor(strategy);
    case "offset":
      return paginateOffset(strategy);
    default:
      return noNextPage;
  }
}

/** Totals the API reported for this page, under stable names. */
export function pageTotals(strategy: PagingStrategy | undefined, body: unknown): { total?: number; total_pages?: number } {
  const totals: { total?: number; total_pages?: number } = {};
  const total = numberAt(body, strategy?.total);
  const totalPages = numberAt(body, strategy && "total_pages" in strategy ? strategy.total_pages : undefined);
  if (total !== undefined) totals.total = total;
  if (totalPages !== undefined) totals.total_pages = totalPages;
  return totals;
}

/** Where a walk picks up: the page to ask for, and how many of its records were already handed out. */
export interface Position {
  request: PageRequest;
  skip: number;
}

/**
 * The position after `taken` records of the page `at` starts on: the exact offset where the API counts by offset,
 * otherwise the same page again with more of its records skipped.
 */
export function positionWithin(strategy: PagingStrategy | undefined, at: Position, taken: number): Position {
  if (strategy?.type === "offset") {
    const offset = Number(at.request.params[strategy.param] ?? 0) + at.skip + taken;
    return { request: { params: { ...at.request.params, [strategy.param]: offset } }, skip: 0 };
  }
  return { request: at.request, skip: at.skip + taken };
}
