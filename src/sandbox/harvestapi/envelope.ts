/**
 * HarvestAPI's response envelopes. Items: `{ element, status, error, query, cost, payments, ... }`;
 * lists: `{ elements, pagination, status, error, query, cost, ... }`. A miss is still HTTP 200 (and still
 * billed), with `status: 404`, `error: "Not found"` and a null element (or no elements).
 */
import type { Pagination } from "./pagination.js";
import type { Query } from "./params.js";

/** What an endpoint found, before the envelope. */
export type Answer =
  | { kind: "item"; element: object; entityId: string }
  | { kind: "list"; elements: unknown[]; pagination?: Pagination; entityId?: string }
  | { kind: "missing"; shape: "item" | "list" }
  /** Account endpoints answer without an envelope. */
  | { kind: "plain"; body: object };

export interface EnvelopeContext {
  query: Query;
  requestId: string;
  costUsd: number;
  payments: string[];
  /** The API user's plan, as HarvestAPI reports it on every response (its SDK sizes its concurrency from it). */
  user: { membershipTier: string; requestsConcurrency: number };
}

const NOT_FOUND = "Not found";

/** Parameters that carry secrets are never echoed back. */
const SECRET_PARAMETERS = new Set(["cookie", "proxy"]);

const echo = (query: Query): Query => Object.fromEntries(Object.entries(query).filter(([name]) => !SECRET_PARAMETERS.has(name)));

export function envelope(answer: Answer, ctx: EnvelopeContext): object {
  if (answer.kind === "plain") return answer.body;
  const common = { query: echo(ctx.query), cost: ctx.costUsd, payments: ctx.payments, requestId: ctx.requestId, user: ctx.user };
  switch (answer.kind) {
    case "item":
      return { element: answer.element, entityId: answer.entityId, status: 200, error: null, ...common };
    case "list":
      return {
        elements: answer.elements,
        ...(answer.pagination ? { pagination: answer.pagination } : {}),
        ...(answer.entityId ? { entityId: answer.entityId } : {}),
        status: 200,
        error: null,
        ...common,
      };
    case "missing":
      return answer.shape === "item"
        ? { element: null, entityId: null, status: 404, error: NOT_FOUND, ...common }
        : { elements: [], pagination: null, status: 404, error: NOT_FOUND, ...common };
  }
}
