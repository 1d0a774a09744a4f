/** GET and PATCH /company: the account's settings, of which the API lets you change two. */
import { readInput } from "../params.js";
import type { Route } from "../router.js";

export const companyRoutes: Route[] = [
  { method: "GET", pattern: "/company", handler: (ctx) => ({ status: 200, body: ctx.store.company }) },
  {
    method: "PATCH",
    pattern: "/company",
    handler(ctx) {
      const fields = [
        { name: "wants_timestamp_timers", type: "bool" },
        { name: "weekly_capacity", type: "int", min: 0 },
      ] as const;
      Object.assign(ctx.store.company, readInput(fields, ctx.body, ctx.store, { creating: false }));
      return { status: 200, body: ctx.store.company };
    },
  },
];
