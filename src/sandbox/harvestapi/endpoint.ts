/**
 * One endpoint of the API as data: method, path, price, whether it acts as the user's LinkedIn account,
 * and what it answers. Most endpoints are one of two generic kinds: get one record, or list records.
 */
import type { Charge } from "./costs.js";
import type { Answer } from "./envelope.js";
import { paginate, type PageSpec } from "./pagination.js";
import type { Query } from "./params.js";
import type { Store } from "./store.js";

/** The API user's account, as /users/my-api-user reports it. */
export interface AccountView {
  plan: string;
  balanceUsd: number;
  concurrency: number;
  queueSize: number;
}

export interface EndpointContext {
  store: Store;
  query: Query;
  account: AccountView;
}

export interface Endpoint {
  method: "GET" | "POST";
  path: string;
  cost: (query: Query) => Charge;
  /** Acts as the user's LinkedIn account: needs its li_at session cookie as the `cookie` parameter. */
  linkedInSession?: boolean;
  /** May throw a 400/422 HarvestApiError (not billed); a miss is an answer (billed). */
  answer: (ctx: EndpointContext) => Answer;
}

interface ItemSpec<T> {
  path: string;
  cost: Endpoint["cost"];
  /** undefined: not found (the 200 with status 404). */
  find: (ctx: EndpointContext) => T | undefined;
  id: (record: T) => string;
  render: (record: T, ctx: EndpointContext) => object;
}

export function itemEndpoint<T>(spec: ItemSpec<T>): Endpoint {
  return {
    method: "GET",
    path: spec.path,
    cost: spec.cost,
    answer: (ctx) => {
      const record = spec.find(ctx);
      if (record === undefined) return { kind: "missing", shape: "item" };
      return { kind: "item", element: spec.render(record, ctx), entityId: spec.id(record) };
    },
  };
}

interface ListSpec<T> {
  path: string;
  cost: Endpoint["cost"];
  page: PageSpec | ((query: Query) => PageSpec);
  /** Every matching record in order; undefined when the parent (profile, post, company...) is not found. */
  collect: (ctx: EndpointContext) => readonly T[] | undefined;
  render: (record: T, ctx: EndpointContext) => unknown;
}

export function listEndpoint<T>(spec: ListSpec<T>): Endpoint {
  return {
    method: "GET",
    path: spec.path,
    cost: spec.cost,
    answer: (ctx) => {
      const records = spec.collect(ctx);
      if (records === undefined) return { kind: "missing", shape: "list" };
      const page = typeof spec.page === "function" ? spec.page(ctx.query) : spec.page;
      const { elements, pagination } = paginate(records, ctx.query, spec.path, page);
      return { kind: "list", elements: elements.map((record) => spec.render(record, ctx)), pagination };
    },
  };
}
