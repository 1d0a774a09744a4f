/** The request's JSON object body: malformed JSON and non-objects are a 400 that says what is wrong. */
import type { Context } from "hono";
import { badRequest } from "./errors.js";
import { checkBodyName } from "./request-limits.js";

export async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === "") throw badRequest("the request body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(`the request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badRequest("the request body must be a JSON object");
  return value as Record<string, unknown>;
}

/** Refuses fields the route does not know, so a typo (or a smuggled base_url) is never silently ignored. */
export function onlyFields(body: Record<string, unknown>, known: readonly string[], where = "the request body"): void {
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  const named = unknown.slice(0, 10).map((key) => JSON.stringify(key).slice(1, -1).slice(0, 64));
  if (unknown.length)
    throw badRequest(`unknown field${unknown.length > 1 ? "s" : ""} in ${where}: ${named.join(", ")}${unknown.length > 10 ? ", ..." : ""}; allowed: ${known.join(", ")}`);
}

/** A name or id: a non-empty printable string of at most 128 characters. */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw badRequest(`${field} must be a non-empty string`);
  return checkBodyName(field, value);
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined) throw badRequest(`${field} is required`);
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value !== undefined && typeof value !== "boolean") throw badRequest(`${field} must be true or false`);
  return value;
}
