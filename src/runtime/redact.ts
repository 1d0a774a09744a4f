/**
 * What a call record (an audit row) keeps of a call's params. The rule, applied at every depth:
 * - numbers, booleans and null are kept;
 * - a field named like a secret is "[redacted]" whatever it holds: the manifest's secret credential fields
 *   (`secret: true`), and any name that looks secret (token, secret, password, key, cookie, authorization, session, ...);
 * - a string is kept when it is an id (the field is `id` or ends in _id/_ids/Id/Ids, and the value is at most 64 letters,
 *   digits, - or _), a date or date-time (ISO 8601), or at most 4 characters (a code such as "desc");
 * - any other string (notes, messages, names, queries: free text) is "[redacted]";
 * - past 32 levels of nesting, a value is "[redacted]" (the walk is bounded, whatever the input).
 */
import type { Manifest } from "../manifest/types.js";

export const REDACTED = "[redacted]";

const SECRET_NAME = /token|secret|password|passwd|api_?key|apikey|cookie|authorization|session|credential/i;
const ID_NAME = /^(id|ids)$|_ids?$|[a-z]Ids?$/;
const ID_VALUE = /^[A-Za-z0-9_-]{1,64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const SHORT = 4;
const MAX_DEPTH = 32;

/** The names of a manifest's secret credential fields (its `secret: true` ones). */
export function secretFieldNames(manifest: Manifest): Set<string> {
  const names = new Set<string>();
  for (const variant of Object.values(manifest.auth)) for (const [name, field] of Object.entries(variant.fields)) if (field.secret) names.add(name);
  return names;
}

export function redactParams(value: unknown, secretNames: ReadonlySet<string> = new Set(), field = "", depth = 0): unknown {
  if (field && (SECRET_NAME.test(field) || secretNames.has(field))) return REDACTED;
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return keepString(field, value) ? value : REDACTED;
  if (depth >= MAX_DEPTH || typeof value !== "object") return REDACTED;
  // Items of an array are judged by the array's field name (project_ids: [...]).
  if (Array.isArray(value)) return value.map((item) => redactParams(item, secretNames, field, depth + 1));
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(value)) Object.defineProperty(kept, key, { value: redactParams((value as Record<string, unknown>)[key], secretNames, key, depth + 1), enumerable: true });
  return kept;
}

function keepString(field: string, value: string): boolean {
  if (ID_NAME.test(field) && ID_VALUE.test(value)) return true;
  return ISO_DATE.test(value) || value.length <= SHORT;
}
