/** `fields`: keeping only some (dotted) fields of each record, the same way for every face. */
import { ValidationError } from "../errors.js";
import { getPath } from "./path.js";

/** A list of field names, or "a,b" text as a command line or a model may send it; undefined when not given. */
export function parseFields(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const fields = typeof value === "string" ? value.split(",").map((f) => f.trim()).filter(Boolean) : value;
  if (Array.isArray(fields) && fields.length > 0 && fields.every((f) => typeof f === "string" && f.trim() !== "")) return fields as string[];
  throw new ValidationError(`fields must be a list of field names such as ["id", "project.name"] (got ${JSON.stringify(value)})`, [
    { param: "fields", message: "must be a non-empty list of field names" },
  ]);
}

/** The record with only those fields, each under its dotted name; anything not an object is left as it is. */
export function projectRecord(record: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields || typeof record !== "object" || record === null) return record;
  const kept: Record<string, unknown> = {};
  for (const field of fields) kept[field] = getPath(record, field);
  return kept;
}
