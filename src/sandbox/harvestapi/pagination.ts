/**
 * HarvestAPI's list pagination. Four behaviours, as LinkedIn imposes them per endpoint:
 * - "page": `page` alone (1-based).
 * - "page+token": `page`, and for page > 1 the paginationToken the listing returned (profile comments, reactions);
 *   without it: 422.
 * - "page+token-or-first": like page+token, but a page > 1 without a token silently serves page 1 again
 *   (LinkedIn's behaviour for post listings, which the reference documents).
 * - "token": only `paginationToken`, a cursor to the next page (comment replies, ad search).
 * Tokens are opaque: bound to the endpoint and its filters, so a token from another query is rejected.
 */
import { createHash } from "node:crypto";
import { unprocessable } from "./errors.js";
import { positiveInt, type Query } from "./params.js";

export type PaginationMode = "page" | "page+token" | "page+token-or-first" | "token";

export interface PageSpec {
  mode: PaginationMode;
  pageSize: number;
  /** LinkedIn stops serving past this page (lead search: 100); larger pages are clamped to it. */
  maxPages?: number;
}

export interface Pagination {
  totalPages: number;
  totalElements: number;
  pageNumber: number;
  previousElements: number;
  pageSize: number;
  paginationToken: string | null;
}

/** Parameters that move through a listing rather than define it. */
const NAVIGATION = new Set(["page", "paginationToken", "cookie"]);

function listingKey(path: string, query: Query): string {
  const filters = Object.entries(query)
    .filter(([name]) => !NAVIGATION.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha1").update(JSON.stringify([path, filters])).digest("base64url").slice(0, 16);
}

interface TokenData {
  listing: string;
  /** Token mode: the page this token opens. */
  page?: number;
}

const encodeToken = (data: TokenData): string => Buffer.from(JSON.stringify(data)).toString("base64url");

function decodeToken(token: string, listing: string): TokenData {
  try {
    const data = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as TokenData;
    if (data.listing === listing && (data.page === undefined || Number.isSafeInteger(data.page))) return data;
  } catch {
    // falls through to the 422 below
  }
  throw unprocessable("paginationToken is invalid for this query: pass the paginationToken returned by the previous page of the same query");
}

function requestedPage(query: Query, spec: PageSpec, listing: string): number {
  const token = query.paginationToken?.trim();
  if (spec.mode === "token") return token ? (decodeToken(token, listing).page ?? 1) : 1;
  const page = Math.min(positiveInt(query, "page") ?? 1, spec.maxPages ?? Infinity);
  if (page === 1 || spec.mode === "page") return page;
  if (token) {
    decodeToken(token, listing);
    return page;
  }
  if (spec.mode === "page+token-or-first") return 1;
  throw unprocessable("paginationToken is required for page > 1: pass the paginationToken returned with page 1 of this query");
}

function nextToken(spec: PageSpec, listing: string, page: number, totalPages: number): string | null {
  if (spec.mode === "page" || page >= totalPages) return null;
  return encodeToken(spec.mode === "token" ? { listing, page: page + 1 } : { listing });
}

export function paginate<T>(items: readonly T[], query: Query, path: string, spec: PageSpec): { elements: T[]; pagination: Pagination } {
  const listing = listingKey(path, query);
  const page = requestedPage(query, spec, listing);
  const totalPages = Math.min(Math.ceil(items.length / spec.pageSize), spec.maxPages ?? Infinity);
  const previousElements = (page - 1) * spec.pageSize;
  return {
    elements: page > totalPages ? [] : items.slice(previousElements, previousElements + spec.pageSize),
    pagination: {
      totalPages,
      totalElements: items.length,
      pageNumber: page,
      previousElements,
      pageSize: spec.pageSize,
      paginationToken: nextToken(spec, listing, page, totalPages),
    },
  };
}
