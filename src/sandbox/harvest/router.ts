/** The Harvest API host's routes (method + msw path pattern) and the context every route's handler receives. */
import type { Reply } from "../exchange.js";
import { dayOf, isoSeconds } from "./dates.js";
import { notFound } from "./errors.js";
import type { Input } from "./params.js";
import type { Store } from "./store.js";

export interface HandlerContext {
  store: Store;
  /** The id of the user the request's token acts as. */
  callerId: number;
  now(): Date;
  method: string;
  /** Path below /v2, e.g. "/time_entries". */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: Input;
  /** Absolute URL of /v2 (the real host's), for pagination links. */
  baseUrl: string;
}

export type Handler = (ctx: HandlerContext) => Reply;

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface Route {
  method: Method;
  /** "/projects/:project_id/task_assignments/:id"; earlier routes win, so /users/me goes before /users/:id. */
  pattern: string;
  handler: Handler;
}

/** A numeric path id; anything else is a 404, as for an unknown record. */
export function idParam(ctx: HandlerContext, name = "id"): number {
  const raw = ctx.params[name] ?? "";
  if (!/^\d{1,15}$/.test(raw)) throw notFound();
  return Number(raw);
}

export const timestamp = (ctx: HandlerContext): string => isoSeconds(ctx.now());

export const today = (ctx: HandlerContext): string => dayOf(ctx.now());
