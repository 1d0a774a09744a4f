/** Reads a call's params from --params (JSON or @file) and repeated -p key=value flags. */
import { readFileSync } from "node:fs";
import { ValidationError } from "../errors.js";

export function readParams(json: string | undefined, pairs: string[]): Record<string, unknown> {
  const params: Record<string, unknown> = json ? parseJsonObject(json.startsWith("@") ? readFile(json.slice(1)) : json, json.startsWith("@") ? json.slice(1) : "--params") : {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new ValidationError(`-p takes key=value (got "${pair}")`);
    const value = pair.slice(eq + 1);
    // JSON arrays, objects and null pass through as values (null clears a nullable field); everything else stays a
    // string for the schema to coerce.
    params[pair.slice(0, eq)] = /^([[{]|null$)/.test(value) ? parseJson(value, `-p ${pair.slice(0, eq)}`) : value;
  }
  return params;
}

function readFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new ValidationError(`cannot read params file ${path}: ${(error as Error).message}`);
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseJsonObject(text: string, where: string): Record<string, unknown> {
  const value = parseJson(text, where);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ValidationError(`${where} must be a JSON object of params`);
  return value as Record<string, unknown>;
}
