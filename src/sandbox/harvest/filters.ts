/** List filters: each names a query parameter, its type, and the test a record must pass. */
import { readQuery, type QueryType } from "./params.js";
import type { Row } from "./model.js";
import type { HandlerContext } from "./router.js";

export interface FilterSpec<R> {
  param: string;
  type: QueryType;
  oneOf?: readonly string[];
  test(row: R, value: unknown, ctx: HandlerContext): boolean;
}

/** Integer equality, e.g. client_id; `read` finds the value on the record (possibly through another record). */
export function matches<R>(param: string, read: (row: R, ctx: HandlerContext) => unknown): FilterSpec<R> {
  return { param, type: "int", test: (row, value, ctx) => read(row, ctx) === value };
}

/** Integer equality on the record's own field of the same name. */
export function byField<R>(param: keyof R & string): FilterSpec<R> {
  return matches<R>(param, (row) => row[param]);
}

/** user_id, client_id (the project's client) and project_id: whose time entry or expense it is, and where. */
export function byUserAndProject<R extends { user_id: number; project_id: number }>(): FilterSpec<R>[] {
  return [
    byField<R>("user_id"),
    matches<R>("client_id", (row, { store }) => store.find("projects", row.project_id)?.client_id),
    byField<R>("project_id"),
  ];
}

export function flag<R>(param: string, read: (row: R) => boolean): FilterSpec<R> {
  return { param, type: "bool", test: (row, value) => read(row) === value };
}

export function isActive<R extends { is_active: boolean }>(): FilterSpec<R> {
  return flag<R>("is_active", (row) => row.is_active);
}

/** Whether an invoice includes the time entry or expense. */
export function isBilled<R extends { invoice_id: number | null }>(): FilterSpec<R> {
  return flag<R>("is_billed", (row) => row.invoice_id !== null);
}

export function textEquals<R>(param: string, read: (row: R) => string | null | undefined): FilterSpec<R> {
  return { param, type: "string", test: (row, value) => read(row) === value };
}

export function stateIn<R extends { state: string }>(states: readonly string[]): FilterSpec<R> {
  return { param: "state", type: "string", oneOf: states, test: (row, value) => row.state === value };
}

export function updatedSince<R extends Row>(): FilterSpec<R> {
  return {
    param: "updated_since",
    type: "datetime",
    test: (row, value) => Date.parse(row.updated_at) >= (value as Date).getTime(),
  };
}

/** `from` and `to` (inclusive) on a YYYY-MM-DD field such as spent_date or issue_date. */
export function dateRange<R>(read: (row: R) => string | null): FilterSpec<R>[] {
  return [
    { param: "from", type: "date", test: (row, value) => (read(row) ?? "") >= (value as string) },
    { param: "to", type: "date", test: (row, value) => (read(row) ?? "9999") <= (value as string) },
  ];
}

/** Validates every filter present in the query (422 when malformed), then keeps the rows passing all of them. */
export function applyFilters<R>(rows: readonly R[], filters: readonly FilterSpec<R>[], ctx: HandlerContext): R[] {
  const active = filters.flatMap((filter) => {
    const value = readQuery(ctx.query, filter.param, filter.type, filter.oneOf);
    return value === undefined ? [] : [{ filter, value }];
  });
  return rows.filter((row) => active.every(({ filter, value }) => filter.test(row, value, ctx)));
}

/** The filter parameters present in the request, echoed into pagination links. */
export function givenParams(query: Record<string, string>, params: readonly string[]): Record<string, string> {
  return Object.fromEntries(params.filter((param) => query[param] !== undefined && query[param] !== "").map((param) => [param, query[param]!]));
}
