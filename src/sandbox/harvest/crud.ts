/** One generic mechanism for list, get, create, update and delete of every resource in the table. */
import type { Reply } from "../exchange.js";
import { notFound, unprocessable } from "./errors.js";
import { applyFilters, givenParams } from "./filters.js";
import type { CollectionName, Tables } from "./model.js";
import { envelope, type PaginationMode } from "./pagination.js";
import { readInput, type Input } from "./params.js";
import type { Action, AnyResource } from "./resource.js";
import { idParam, timestamp, type HandlerContext, type Route } from "./router.js";

type AnyRow = Tables[CollectionName];

const fieldOf = (row: AnyRow, field: string): unknown => (row as unknown as Record<string, unknown>)[field];

/** The parent record's id for nested resources (404 when it does not exist), else undefined. */
function parentId(spec: AnyResource, ctx: HandlerContext): number | undefined {
  if (!spec.parent) return undefined;
  const id = idParam(ctx, spec.parent.param);
  if (!ctx.store.find(spec.parent.collection, id)) throw notFound();
  return id;
}

function findMember(spec: AnyResource, ctx: HandlerContext): AnyRow {
  const owner = parentId(spec, ctx);
  const row = ctx.store.find(spec.collection, idParam(ctx));
  if (!row || (spec.parent && fieldOf(row, spec.parent.field) !== owner)) throw notFound();
  return row;
}

function list(spec: AnyResource, ctx: HandlerContext, mode: PaginationMode, nested: boolean): Reply {
  const owner = nested ? parentId(spec, ctx) : undefined;
  const field = spec.parent?.field ?? "";
  const rows = ctx.store.where(spec.collection, (row) => owner === undefined || fieldOf(row, field) === owner);
  const records = applyFilters(rows, spec.filters, ctx).sort(spec.sort.compare);
  const body = envelope(
    spec.collection,
    {
      records,
      query: ctx.query,
      carried: givenParams(ctx.query, spec.filters.map((filter) => filter.param)),
      url: ctx.baseUrl + ctx.path,
      mode,
      defaultPerPage: spec.defaultPerPage,
      newestFirst: spec.sort.newestFirst,
    },
    (row) => spec.present(row, ctx),
  );
  return { status: 200, body };
}

/** The input fields stored on the record as they are. */
function storedFields(spec: AnyResource, input: Input): Input {
  const virtual = new Set(spec.fields.filter((field) => field.virtual).map((field) => field.name));
  return Object.fromEntries(Object.entries(input).filter(([name]) => !virtual.has(name)));
}

/** Runs the resource's prepare hook, saves the record, then the hook's commit step; answers with the record (201 when new). */
function save(spec: AnyResource, ctx: HandlerContext, row: AnyRow, input: Input, existing: AnyRow | undefined): Reply {
  const commit = spec.prepare?.(row, input, ctx, existing);
  ctx.store.save(spec.collection, row);
  commit?.();
  return { status: existing ? 200 : 201, body: spec.present(row, ctx) };
}

function create(spec: AnyResource, ctx: HandlerContext): Reply {
  const owner = parentId(spec, ctx);
  const input = readInput(spec.fields, ctx.body, ctx.store, { creating: true });
  const now = timestamp(ctx);
  const row = {
    ...spec.defaults(ctx),
    ...storedFields(spec, input),
    ...(spec.parent ? { [spec.parent.field]: owner } : {}),
    id: ctx.store.nextId(spec.collection),
    created_at: now,
    updated_at: now,
  } as unknown as AnyRow;
  return save(spec, ctx, row, input, undefined);
}

function update(spec: AnyResource, ctx: HandlerContext): Reply {
  const existing = findMember(spec, ctx);
  const input = readInput(spec.fields, ctx.body, ctx.store, { creating: false });
  return save(spec, ctx, { ...existing, ...storedFields(spec, input), updated_at: timestamp(ctx) }, input, existing);
}

function remove(spec: AnyResource, ctx: HandlerContext): Reply {
  const row = findMember(spec, ctx);
  const refusal = spec.deleteGuard?.(row, ctx);
  if (refusal) throw unprocessable(refusal);
  ctx.store.remove(spec.collection, row.id);
  spec.afterDelete?.(row, ctx);
  return { status: 200 };
}

/** The routes a resource declares, built from its spec. */
export function resourceRoutes(spec: AnyResource): Route[] {
  const member = `${spec.path}/:id`;
  const routes: Route[] = [];
  const has = (action: Action) => spec.actions.includes(action);
  if (has("list")) routes.push({ method: "GET", pattern: spec.path, handler: (ctx) => list(spec, ctx, spec.pagination, true) });
  if (spec.topLevelList) {
    const { path, pagination } = spec.topLevelList;
    routes.push({ method: "GET", pattern: path, handler: (ctx) => list(spec, ctx, pagination, false) });
  }
  if (has("create")) routes.push({ method: "POST", pattern: spec.path, handler: (ctx) => create(spec, ctx) });
  if (has("get")) {
    routes.push({ method: "GET", pattern: member, handler: (ctx) => ({ status: 200, body: spec.present(findMember(spec, ctx), ctx) }) });
  }
  if (has("update")) routes.push({ method: "PATCH", pattern: member, handler: (ctx) => update(spec, ctx) });
  if (has("delete")) routes.push({ method: "DELETE", pattern: member, handler: (ctx) => remove(spec, ctx) });
  return routes;
}
