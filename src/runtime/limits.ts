/**
 * Input limits, checked first on every call whatever the face (library, agent tool, CLI, MCP, hosted API), before any
 * store or upstream work: names are short printable strings, params are JSON values of bounded depth and size. The
 * walk is iterative, so no input (however deep, or cyclic) can exhaust the stack of the code that checks it.
 */
import { ValidationError } from "../errors.js";

export const INPUT_LIMITS = {
  /** Entity, action and param names. */
  nameLength: 128,
  /** Levels of nesting in params ({"a": {"b": 1}} is 2). */
  depth: 32,
  /** The params as JSON, roughly (strings, keys and numbers counted as written). */
  bytes: 1024 * 1024,
  /** Any one string value. */
  stringLength: 256 * 1024,
} as const;

// C0 and C1 control characters, DEL, and lone surrogates (which no JSON encoder or database can carry faithfully).
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a name is refused, or undefined when it is a usable one. */
export function nameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name === "") return "must be a non-empty string";
  if (name.length > INPUT_LIMITS.nameLength) return `is longer than ${INPUT_LIMITS.nameLength} characters`;
  if (UNPRINTABLE.test(name)) return "contains control characters (such as NUL), which no name has";
  return undefined;
}

/** Entity and action: refused before they are looked up anywhere. */
export function checkNames(entity: unknown, action: unknown): void {
  const issues = [
    { param: "entity", problem: nameProblem(entity) },
    { param: "action", problem: nameProblem(action) },
  ].filter((i) => i.problem !== undefined);
  if (issues.length) throw new ValidationError(`invalid ${issues.map((i) => i.param).join(" and ")}; nothing was sent`, issues.map((i) => ({ param: i.param, message: i.problem! })));
}

/** What every call meets first, before a name is looked up or anything is read or sent. */
export function checkCallInput(entity: unknown, action: unknown, params: unknown): void {
  checkNames(entity, action);
  checkParamsLimits(params);
}

/** Params within the limits: JSON values only, at most `depth` levels, `bytes` in all, no string over `stringLength`. */
export function checkParamsLimits(params: unknown): void {
  const problem = paramsProblem(params);
  if (problem) throw new ValidationError(`params over the input limits; nothing was sent`, [problem]);
}

function paramsProblem(params: unknown): { param: string; message: string } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: params, path: "", depth: 0 }];
  let bytes = 0;
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    const at = path || "(params)";
    if (value === null || value === undefined || typeof value === "boolean") bytes += 5;
    else if (typeof value === "number") bytes += 24;
    else if (typeof value === "string") {
      if (value.length > INPUT_LIMITS.stringLength) return { param: at, message: `is longer than ${INPUT_LIMITS.stringLength} characters` };
      bytes += value.length + 2;
    } else if (typeof value === "object") {
      if (depth >= INPUT_LIMITS.depth) return { param: at, message: `nests deeper than ${INPUT_LIMITS.depth} levels` };
      const keys = Array.isArray(value) ? undefined : Object.keys(value);
      bytes += 2;
      if (keys) {
        for (const key of keys) {
          if (UNPRINTABLE.test(key)) return { param: joined(path, JSON.stringify(key)), message: "this key contains control characters (such as NUL), which no name has" };
          bytes += key.length + 4;
          stack.push({ value: (value as Record<string, unknown>)[key], path: joined(path, key), depth: depth + 1 });
        }
      } else (value as unknown[]).forEach((item, i) => stack.push({ value: item, path: joined(path, String(i)), depth: depth + 1 }));
    } else return { param: at, message: `must be a JSON value (got a ${typeof value})` };
    if (bytes > INPUT_LIMITS.bytes) return { param: "(params)", message: `are larger than ${INPUT_LIMITS.bytes} bytes as JSON` };
  }
  return undefined;
}

const joined = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** A value as a short JSON text for an error message: never the whole of a large input. */
export function preview(value: unknown, max = 80): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value === "object" ? "an object that is not JSON" : String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
