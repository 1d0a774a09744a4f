/** Reading request values: body fields (JSON or form data) and query parameters, with Harvest-style 422 messages. */
import { formatClock, isoSeconds, normalizeDate, parseClock, parseDateTime } from "./dates.js";
import { unprocessable } from "./errors.js";
import type { CollectionName } from "./model.js";
import type { Store } from "./store.js";

export type Input = Record<string, unknown>;

export type ValueType =
  | "string"
  | "int"
  | "number"
  | "bool"
  | "date"
  | "datetime"
  | "time"
  | "int[]"
  | "string[]"
  | "object"
  | "array";

/** A writable body parameter of a resource. */
export interface FieldSpec {
  name: string;
  type: ValueType;
  required?: boolean;
  oneOf?: readonly string[];
  /** The value must be the id of an existing record of this collection. */
  ref?: CollectionName;
  /** Ignored on update, as Harvest ignores attributes that cannot change. */
  createOnly?: boolean;
  min?: number;
  /** Read and validated, but handed to the resource's prepare hook instead of being stored (e.g. hours). */
  virtual?: boolean;
}

const INVALID = Symbol("invalid");

const EXPECTED: Record<ValueType, string> = {
  string: "must be a string",
  int: "must be an integer",
  number: "must be a number",
  bool: "must be true or false",
  date: "must be a date in YYYY-MM-DD format",
  datetime: "must be an ISO 8601 date-time",
  time: 'must be a time of day like "8:00am"',
  "int[]": "must be an array of integers",
  "string[]": "must be an array of strings",
  object: "must be an object",
  array: "must be an array",
};

export const isPlainObject = (value: unknown): value is Input =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function toInt(value: unknown): number | typeof INVALID {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  return typeof value === "string" && /^-?\d{1,15}$/.test(value) ? Number(value) : INVALID;
}

function toNumber(value: unknown): number | typeof INVALID {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : INVALID;
}

function toBool(value: unknown): boolean | typeof INVALID {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1" || value === 1) return true;
  if (value === "false" || value === "0" || value === 0) return false;
  return INVALID;
}

/** Converts a JSON or form value to the type, or INVALID. */
function coerce(type: ValueType, value: unknown): unknown {
  switch (type) {
    case "string":
      return typeof value === "string" ? value : typeof value === "number" ? String(value) : INVALID;
    case "int":
      return toInt(value);
    case "number":
      return toNumber(value);
    case "bool":
      return toBool(value);
    case "date":
      return (typeof value === "string" && normalizeDate(value)) || INVALID;
    case "datetime": {
      const date = typeof value === "string" ? parseDateTime(value) : undefined;
      return date ? isoSeconds(date) : INVALID;
    }
    case "time": {
      const minutes = typeof value === "string" ? parseClock(value) : undefined;
      return minutes === undefined ? INVALID : formatClock(minutes);
    }
    case "int[]":
      return Array.isArray(value) && value.every((item) => toInt(item) !== INVALID) ? value.map(toInt) : INVALID;
    case "string[]":
      return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : INVALID;
    case "object":
      return isPlainObject(value) ? value : INVALID;
    case "array":
      return Array.isArray(value) ? value : INVALID;
  }
}

/** "expense_categories" -> "expense category", for messages. */
export const singular = (collection: string): string =>
  collection.replace(/_/g, " ").replace(/ies$/, "y").replace(/s$/, "");

const isBlank = (value: unknown) => value === null || (typeof value === "string" && value.trim() === "");

/** One field's value, or the message saying why it is not acceptable. */
function readField(field: FieldSpec, raw: unknown, label: string, store: Store): { value: unknown } | { error: string } {
  if (isBlank(raw)) {
    if (field.required) return { error: `${label} can't be blank` };
    if (raw === null || field.type !== "string") return { value: field.type.endsWith("[]") ? [] : null };
  }
  const value = coerce(field.type, raw);
  if (value === INVALID) return { error: `${label} ${EXPECTED[field.type]}` };
  if (field.oneOf && !field.oneOf.includes(value as string)) {
    return { error: `${label} must be one of: ${field.oneOf.join(", ")}` };
  }
  if (field.min !== undefined && (value as number) < field.min) {
    return { error: `${label} must be greater than or equal to ${field.min}` };
  }
  const ids = field.type === "int[]" ? (value as number[]) : [value as number];
  const missing = field.ref ? ids.find((id) => !store.find(field.ref!, id)) : undefined;
  if (missing !== undefined) return { error: `${label} ${missing} does not match any ${singular(field.ref!)}` };
  return { value };
}

export interface ReadOptions {
  creating: boolean;
  /** Prepended to field names in messages, e.g. "line_items[0]." */
  prefix?: string;
}

/** The declared fields present in `body`, converted; unknown fields are ignored like Harvest does. Throws 422. */
export function readInput(fields: readonly FieldSpec[], body: Input, store: Store, options: ReadOptions): Input {
  const input: Input = {};
  const errors: string[] = [];
  for (const field of fields) {
    const label = `${options.prefix ?? ""}${field.name}`;
    if (!Object.hasOwn(body, field.name)) {
      if (options.creating && field.required) errors.push(`${label} can't be blank`);
      continue;
    }
    if (field.createOnly && !options.creating) continue;
    const result = readField(field, body[field.name], label, store);
    if ("error" in result) errors.push(result.error);
    else input[field.name] = result.value;
  }
  if (errors.length > 0) throw unprocessable(errors.join(", "));
  return input;
}

export type QueryType = "int" | "bool" | "date" | "datetime" | "string";

function parseQueryValue(type: QueryType, raw: string): unknown {
  switch (type) {
    case "int":
      return /^\d{1,15}$/.test(raw) ? Number(raw) : INVALID;
    case "bool":
      return raw === "true" ? true : raw === "false" ? false : INVALID;
    case "date":
      return normalizeDate(raw, true) ?? INVALID;
    case "datetime":
      return parseDateTime(raw) ?? INVALID;
    case "string":
      return raw;
  }
}

/** A query parameter converted to its type; undefined when absent or empty; 422 when malformed. */
export function readQuery(query: Record<string, string>, param: string, type: QueryType, oneOf?: readonly string[]): unknown {
  const raw = query[param];
  if (raw === undefined || raw === "") return undefined;
  const value = parseQueryValue(type, raw);
  if (value === INVALID) throw unprocessable(`${param} ${EXPECTED[type]} (got "${raw}")`);
  if (oneOf && !oneOf.includes(raw)) throw unprocessable(`${param} must be one of: ${oneOf.join(", ")} (got "${raw}")`);
  return value;
}
