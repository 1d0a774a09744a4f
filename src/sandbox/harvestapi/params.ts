/** Reading HarvestAPI query parameters: every parameter is a query string value, lists are comma-separated. */
import { badRequest } from "./errors.js";

export type Query = Record<string, string>;

export const present = (query: Query, name: string): boolean => (query[name] ?? "").trim() !== "";

export function required(query: Query, name: string): string {
  if (!present(query, name)) throw badRequest(`Missing required query parameter '${name}'`);
  return query[name]!.trim();
}

/** The first of `names` that is present (endpoints that take "url or id"). */
export function oneOf(query: Query, names: readonly string[]): string {
  const name = names.find((candidate) => present(query, candidate));
  if (!name) throw badRequest(`Provide one of the query parameters: ${names.join(", ")}`);
  return query[name]!.trim();
}

/** "CTO, CEO" -> ["CTO", "CEO"] */
export const values = (query: Query, name: string): string[] =>
  (query[name] ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter((value) => value !== "");

/** A switch like findEmail or main: on when present with any value but "false" or "0". */
export function flag(query: Query, name: string): boolean {
  const value = query[name]?.trim().toLowerCase();
  return value !== undefined && value !== "false" && value !== "0";
}

/** One of a parameter's documented values, or undefined when absent. */
export function choice<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  if (!present(query, name)) return undefined;
  const value = query[name]!.trim() as T;
  if (!allowed.includes(value)) throw badRequest(`Invalid value for '${name}': ${value}. Supported values: ${allowed.join(", ")}`);
  return value;
}

export function positiveInt(query: Query, name: string): number | undefined {
  if (!present(query, name)) return undefined;
  const raw = query[name]!.trim();
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw badRequest(`'${name}' must be a positive integer`);
  return Number(raw);
}
