/**
 * Search filters as data: each query parameter names a facet of the records. A list parameter matches
 * when any of its comma-separated values does (OR); different parameters must all match (AND);
 * `exclude...` parameters drop what their facet matches. Unknown parameters are ignored, like the API.
 */
import { present, values, type Query } from "./params.js";

export interface Facet<T> {
  /** Whether one value (one item of the comma-separated list, or the whole text) matches the record. */
  match: (record: T, value: string) => boolean;
  /** Free text (search, keywords): the whole value, every word must appear. */
  text?: true;
}

const lower = (text: string) => text.toLowerCase();
const asList = (value: string | readonly string[]) => (typeof value === "string" ? [value] : value);

/** Values naming the record: ids, codes or references a `matches` function understands. */
export const anyOf = <T>(keys: (record: T) => string | readonly string[]): Facet<T> => ({
  match: (record, value) => asList(keys(record)).some((key) => lower(key) === lower(value)),
});

/** A reference (URL, id, name) checked by a resolver's `matches`. */
export const refersTo = <T, R>(target: (record: T) => R | readonly R[], matches: (target: R, ref: string) => boolean): Facet<T> => ({
  match: (record, value) => {
    const found = target(record);
    return (Array.isArray(found) ? (found as readonly R[]) : [found as R]).some((item) => matches(item, value));
  },
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whole words of a text (a title, a location): "engineer" matches "Senior Software Engineer", "CTO" not "Director". */
export const within = <T>(text: (record: T) => string | readonly string[]): Facet<T> => ({
  match: (record, value) => {
    const phrase = new RegExp(`(^|\\W)${escapeRegExp(value)}($|\\W)`, "i");
    return asList(text(record)).some((candidate) => phrase.test(candidate));
  },
});

/** Free-text search: every word of the value appears somewhere in the record's text. */
export const search = <T>(text: (record: T) => string): Facet<T> => ({
  text: true,
  match: (record, value) => {
    const haystack = lower(text(record));
    return lower(value)
      .split(/\s+/)
      .filter((word) => word !== "" && !["and", "or"].includes(word))
      .every((word) => haystack.includes(word.replace(/^"|"$/g, "")));
  },
});

/** A yes/no filter: applies when the parameter is "true". */
export const when = <T>(holds: (record: T) => boolean): Facet<T> => ({ match: (record, value) => value !== "true" || holds(record) });

function matchesFacet<T>(record: T, facet: Facet<T>, query: Query, name: string): boolean {
  const wanted = facet.text ? [query[name]!.trim()] : values(query, name);
  return wanted.some((value) => facet.match(record, value));
}

export type Facets<T> = Record<string, Facet<T>>;

/** The records matching every facet present in the query. */
export function filterBy<T>(records: readonly T[], query: Query, facets: Facets<T>): T[] {
  const active = Object.entries(facets).filter(([name]) => present(query, name));
  return records.filter((record) => active.every(([name, facet]) => matchesFacet(record, facet, query, name)));
}

/** The records none of the present `exclude<Facet>` parameters match. */
export function excludeBy<T>(records: readonly T[], query: Query, facets: Facets<T>): T[] {
  const active = Object.entries(facets)
    .map(([name, facet]) => [`exclude${name[0]!.toUpperCase()}${name.slice(1)}`, facet] as const)
    .filter(([name]) => present(query, name));
  return records.filter((record) => !active.some(([name, facet]) => matchesFacet(record, facet, query, name)));
}

/** "geoId overrides location": the query without `overridden` when `overriding` is present. */
export function withOverride(query: Query, overriding: string, overridden: string): Query {
  if (!present(query, overriding)) return query;
  return Object.fromEntries(Object.entries(query).filter(([name]) => name !== overridden));
}
