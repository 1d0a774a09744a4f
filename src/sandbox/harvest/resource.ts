/**
 * The declaration every generic resource fills in: where it lives, how it lists, filters, sorts,
 * which body fields it accepts, and small hooks for what only that resource does.
 */
import { updatedSince, type FilterSpec } from "./filters.js";
import type { CollectionName, Row, Tables } from "./model.js";
import type { PaginationMode } from "./pagination.js";
import type { FieldSpec, Input } from "./params.js";
import type { HandlerContext } from "./router.js";

export type Action = "list" | "get" | "create" | "update" | "delete";

export const ALL_ACTIONS: readonly Action[] = ["list", "get", "create", "update", "delete"];

export interface Sort<R> {
  compare(a: R, b: R): number;
  /** Set when the order is by id, which cursor pagination relies on. */
  newestFirst?: boolean;
}

/** Harvest's default: most recently created first. */
export const NEWEST_FIRST: Sort<Row> = { compare: (a, b) => b.id - a.id, newestFirst: true };
export const OLDEST_FIRST: Sort<Row> = { compare: (a, b) => a.id - b.id, newestFirst: false };

/** Latest day first (missing days last), then newest first. */
function latestFirst<R extends Row>(day: (row: R) => string | null): Sort<R> {
  return {
    compare: (a, b) => (day(b) ?? "").localeCompare(day(a) ?? "") || b.id - a.id,
  };
}

export interface ResourceSpec<K extends CollectionName> {
  collection: K;
  /** Collection path, e.g. "/projects/:project_id/task_assignments". */
  path: string;
  /** Nested resources belong to the record named by a path parameter. */
  parent?: { param: string; collection: CollectionName; field: keyof Tables[K] & string };
  actions: readonly Action[];
  pagination: PaginationMode;
  /** Records per page without per_page, where Harvest documents other than 2000 (invoices: 100). */
  defaultPerPage?: number;
  /** Nested resources Harvest also lists across all parents, e.g. GET /task_assignments. */
  topLevelList?: { path: string; pagination: PaginationMode };
  sort: Sort<Tables[K]>;
  filters: readonly FilterSpec<Tables[K]>[];
  fields: readonly FieldSpec[];
  /** Values of a new record before the request's fields are applied. */
  defaults(ctx: HandlerContext): Omit<Tables[K], keyof Row>;
  /**
   * Validates (throwing 422) and derives fields on the record about to be saved; `existing` is
   * undefined on create. May return a commit step, run after the save, for changes to other records.
   */
  prepare?(row: Tables[K], input: Input, ctx: HandlerContext, existing: Tables[K] | undefined): void | (() => void);
  /** Why the record cannot be deleted, if it cannot. */
  deleteGuard?(row: Tables[K], ctx: HandlerContext): string | undefined;
  /** Runs after the record is removed: cascades and clean-ups. */
  afterDelete?(row: Tables[K], ctx: HandlerContext): void;
  present(row: Tables[K], ctx: HandlerContext): Record<string, unknown>;
}

export type AnyResource = ResourceSpec<CollectionName>;

/** Type-checks a spec against its own collection, then erases it for the generic table. */
export function defineResource<K extends CollectionName>(spec: ResourceSpec<K>): AnyResource {
  return spec as unknown as AnyResource;
}

type Listing = "collection" | "path" | "actions" | "pagination" | "sort";

/** An account-wide list (clients, tasks, users...): at `/{collection}` with every action, newest first by cursor. */
export function accountList<K extends CollectionName>(collection: K): Pick<ResourceSpec<K>, Listing> {
  return { collection, path: `/${collection}`, actions: ALL_ACTIONS, pagination: "cursor", sort: NEWEST_FIRST };
}

/** Dated records (time entries, expenses, invoices, estimates): at `/{collection}` with every action, latest `day` first by page. */
export function datedList<K extends CollectionName>(collection: K, day: (row: Tables[K]) => string | null): Pick<ResourceSpec<K>, Listing> {
  return { collection, path: `/${collection}`, actions: ALL_ACTIONS, pagination: "page", sort: latestFirst(day) };
}

/**
 * Records appended under a parent record, like an invoice's messages and payments: at
 * `/{parent}/:{param}/{name}`, listed newest first by cursor, filtered by updated_since, created and
 * deleted but never edited.
 */
export function appendedUnder<K extends CollectionName>(
  collection: K,
  parent: CollectionName,
  param: keyof Tables[K] & string,
  name: string,
): Pick<ResourceSpec<K>, Listing | "parent" | "filters"> {
  return {
    collection,
    path: `/${parent}/:${param}/${name}`,
    parent: { param, collection: parent, field: param },
    actions: ["list", "create", "delete"],
    pagination: "cursor",
    sort: NEWEST_FIRST,
    filters: [updatedSince<Tables[K]>()],
  };
}

/** The listed fields of a record, in the order Harvest prints them. */
export function pick<R, const F extends keyof R>(row: R, fields: readonly F[]): Pick<R, F> {
  const result = {} as Pick<R, F>;
  for (const field of fields) result[field] = row[field];
  return result;
}
