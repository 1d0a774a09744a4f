/**
 * Harvest's list envelope: per_page, total_pages, total_entries, next_page, previous_page, page and
 * absolute `links` that repeat the request's filters.
 *
 * Two styles, as Harvest serves them today: endpoints documenting a `cursor` parameter link
 * next/previous with an opaque cursor (`?cursor=...&per_page=...&ref=next_cursor`) and report
 * page, next_page and previous_page as null on middle pages; the others link page numbers.
 */
import { unprocessable } from "./errors.js";

export type PaginationMode = "page" | "cursor";

export const MAX_PER_PAGE = 2000;

export interface PageLinks {
  first: string;
  next: string | null;
  previous: string | null;
  last: string;
}

export interface PageMeta {
  per_page: number;
  total_pages: number;
  total_entries: number;
  next_page: number | null;
  previous_page: number | null;
  page: number | null;
  links: PageLinks;
}

export interface PageRequest<T> {
  /** Already filtered and sorted. */
  records: readonly T[];
  query: Record<string, string>;
  /** Filters to repeat in every link. */
  carried: Record<string, string>;
  /** Absolute URL of the list, without query. */
  url: string;
  mode: PaginationMode;
  /** Records per page when the request gives no per_page (Harvest's default: 2000). */
  defaultPerPage?: number;
  /** Cursor mode needs records with ids, ordered by id: newest (highest) first unless false. */
  newestFirst?: boolean;
}

type Cursor = { after: { id: number } } | { before: { id: number } };

/** The slice of records to show; `page` is null when a cursor lands on a middle page. */
interface Window {
  start: number;
  end: number;
  page: number | null;
}

function positiveInt(query: Record<string, string>, name: string, fallback: number, max = Infinity): number {
  const raw = query[name];
  if (raw === undefined || raw === "") return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
  if (value < 1 || value > max) {
    throw unprocessable(max === Infinity ? `${name} must be a positive integer` : `${name} must be between 1 and ${max}`);
  }
  return value;
}

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(raw: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Record<string, { id?: unknown }>;
    const anchor = cursor.after ?? cursor.before;
    if (Number.isSafeInteger(anchor?.id)) return cursor as Cursor;
  } catch {
    // falls through to the 422 below
  }
  throw unprocessable("cursor is invalid; use the links returned by the previous page");
}

/** Cursor mode only serves records with ids (checked by the resource table, not by the type). */
const withIds = (records: readonly unknown[]) => records as readonly { id: number }[];

function cursorWindow<T>(request: PageRequest<T>, cursor: Cursor, perPage: number, totalPages: number): Window {
  const records = withIds(request.records);
  const descending = request.newestFirst !== false;
  // "a comes after b" in the list order
  const isAfter = (a: number, b: number) => (descending ? a < b : a > b);
  let start: number;
  let end: number;
  if ("after" in cursor) {
    start = records.findIndex((record) => isAfter(record.id, cursor.after.id));
    if (start < 0) start = records.length;
    end = Math.min(records.length, start + perPage);
  } else {
    end = records.findIndex((record) => !isAfter(cursor.before.id, record.id));
    if (end < 0) end = records.length;
    start = Math.max(0, end - perPage);
  }
  const page = start === 0 ? 1 : end >= records.length ? totalPages : null;
  return { start, end, page };
}

function buildUrl(base: string, params: Record<string, string | number>): string {
  // sorted like Rails' to_query, which is how Harvest's links come out
  const query = Object.keys(params)
    .sort()
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(params[key]))}`)
    .join("&");
  return `${base}?${query}`;
}

function pageLinks<T>(
  request: PageRequest<T>,
  window: Window,
  perPage: number,
  totalPages: number,
): PageLinks {
  const { carried, url, mode } = request;
  const records = withIds(request.records);
  const link = (params: Record<string, string | number>) => buildUrl(url, { ...carried, ...params, per_page: perPage });
  const hasNext = window.end < records.length;
  const hasPrevious = window.start > 0;
  if (mode === "page") {
    const page = window.page!;
    return {
      first: link({ page: 1 }),
      next: hasNext ? link({ page: page + 1 }) : null,
      previous: hasPrevious ? link({ page: page - 1 }) : null,
      last: link({ page: Math.max(totalPages, 1) }),
    };
  }
  const last = link({ page: Math.max(totalPages, 1), ref: "last" });
  const first = records[window.start];
  const final = records[window.end - 1];
  // past the end nothing is shown to anchor a cursor on: "previous" is then the last page
  const previous = first ? link({ cursor: encodeCursor({ before: { id: first.id } }), ref: "previous_cursor" }) : last;
  return {
    first: link({ page: 1, ref: "first" }),
    next: hasNext && final ? link({ cursor: encodeCursor({ after: { id: final.id } }), ref: "next_cursor" }) : null,
    previous: hasPrevious ? previous : null,
    last,
  };
}

export interface Page<T> {
  records: T[];
  meta: PageMeta;
}

export function paginate<T>(request: PageRequest<T>): Page<T> {
  const perPage = positiveInt(request.query, "per_page", request.defaultPerPage ?? MAX_PER_PAGE, MAX_PER_PAGE);
  const total = request.records.length;
  const totalPages = Math.ceil(total / perPage);
  const rawCursor = request.mode === "cursor" ? request.query.cursor : undefined;
  let window: Window;
  if (rawCursor) {
    window = cursorWindow(request, decodeCursor(rawCursor), perPage, totalPages);
  } else {
    const page = positiveInt(request.query, "page", 1);
    const start = (page - 1) * perPage;
    window = { start, end: Math.min(total, start + perPage), page };
  }
  const { page } = window;
  return {
    records: request.records.slice(window.start, window.end),
    meta: {
      per_page: perPage,
      total_pages: totalPages,
      total_entries: total,
      next_page: page !== null && page < totalPages ? page + 1 : null,
      previous_page: page !== null && page > 1 ? page - 1 : null,
      page,
      links: pageLinks(request, window, perPage, totalPages),
    },
  };
}

/** `{ <key>: [...], per_page, ..., links }` */
export function envelope<T>(key: string, request: PageRequest<T>, present: (record: T) => unknown): Record<string, unknown> {
  const { records, meta } = paginate(request);
  return { [key]: records.map(present), ...meta };
}
