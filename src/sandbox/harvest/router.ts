/** Method + path-pattern routing for the Harvest API host, and the context every handler receives. */
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
  /** Absolute URL of /v2 on this server, for pagination links. */
  baseUrl: string;
}

export type Handler = (ctx: HandlerContext) => Reply;

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface Route {
  method: Method;
  /** "/projects/:project_id/task_assignments/:id" */
  pattern: string;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: CompiledRoute[];

  /** Earlier routes win, so specific paths (/users/me) go before patterns (/users/:id). */
  constructor(routes: readonly Route[]) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.pattern.replace(/:(\w+)/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      });
      return { ...route, regex: new RegExp(`^${source}/?$`), names };
    });
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.regex.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
      return { handler: route.handler, params };
    }
    return undefined;
  }
}

/** A numeric path id; anything else is a 404, as for an unknown record. */
export function idParam(ctx: HandlerContext, name = "id"): number {
  const raw = ctx.params[name] ?? "";
  if (!/^\d{1,15}$/.test(raw)) throw notFound();
  return Number(raw);
}

export const timestamp = (ctx: HandlerContext): string => isoSeconds(ctx.now());

export const today = (ctx: HandlerContext): string => dayOf(ctx.now());
