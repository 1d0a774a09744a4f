/**
 * What an audit row keeps of a call's params. The rule, applied at every depth:
 * - numbers, booleans and null are kept;
 * - a field whose name looks secret (token, secret, password, key, cookie, authorization, li_at, ...) is "[redacted]" whatever it holds;
 * - a string is kept when it is an id (the field is `id` or ends in _id/_ids/Id/Ids, and the value is at most 64 letters,
 *   digits, - or _), a date or date-time (ISO 8601), or at most 4 characters (a code such as "desc");
 * - any other string (notes, messages, names, queries: free text) is "[redacted]".
 */
export const REDACTED = "[redacted]";

const SECRET_NAME = /token|secret|password|passwd|api_?key|apikey|cookie|authorization|li_at|session|credential/i;
const ID_NAME = /^(id|ids)$|_ids?$|[a-z]Ids?$/;
const ID_VALUE = /^[A-Za-z0-9_-]{1,64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const SHORT = 4;

export function redactParams(value: unknown, field = ""): unknown {
  if (field && SECRET_NAME.test(field)) return REDACTED;
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return keepString(field, value) ? value : REDACTED;
  // Items of an array are judged by the array's field name (project_ids: [...]).
  if (Array.isArray(value)) return value.map((item) => redactParams(item, field));
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactParams(inner, key)]));
  return REDACTED;
}

function keepString(field: string, value: string): boolean {
  if (ID_NAME.test(field) && ID_VALUE.test(value)) return true;
  return ISO_DATE.test(value) || value.length <= SHORT;
}
