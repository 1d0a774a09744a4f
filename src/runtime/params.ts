/** Checks a call's params before anything is sent: unambiguous coercion, then the action's JSON Schema. */
import type { ErrorObject } from "ajv";
import { ValidationError, type ParamIssue } from "../errors.js";
import { typeLabel } from "../manifest/type-label.js";
import { preview } from "./limits.js";
import type { SchemaNode } from "../manifest/types.js";
import type { ActionPlan } from "./plan.js";

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const INTEGER = /^-?(0|[1-9]\d*)$/;

/** Strings that can only mean one number or boolean become it ("5" -> 5, "true" -> true); nothing else changes. */
export function coerceValue(value: unknown, schema: SchemaNode | undefined): unknown {
  // Checked first: most values a program passes are not strings, and need no list of types.
  if (typeof value !== "string") return value;
  const types = schema?.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("string")) return value;
  if (types.includes("number") && NUMBER.test(value)) return Number(value);
  // An id is written as digits: "1e3" or "7.0" is not an unambiguous integer.
  if (types.includes("integer") && INTEGER.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  if (types.includes("array") && value !== "") return value.split(",").map((item) => coerceValue(item.trim(), schema?.items));
  return value;
}

export function checkParams(plan: ActionPlan, connector: string, input: unknown): Record<string, unknown> {
  const given = input ?? {};
  if (typeof given !== "object" || Array.isArray(given))
    throw new ValidationError(`params for ${connector} ${plan.entity}.${plan.action} must be an object of named values`);
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    // Defined, not assigned: a "__proto__" key stays an own param (and is refused as unknown) instead of vanishing.
    Object.defineProperty(params, name, { value: coerceValue(value, ownSchema(plan.schema, name)), enumerable: true, writable: true, configurable: true });
  }
  if (!plan.validate(params)) {
    throw new ValidationError(
      `invalid params for ${connector} ${plan.entity}.${plan.action}; nothing was sent`,
      withoutBranchErrors(plan.validate.errors ?? []).map((e) => describeIssue(e, plan, params)),
    );
  }
  return params;
}

/** The params given again with a cursor that differ from its checked ones, compared as coerced ("2" is the 2 it holds). */
export function differingParams(plan: ActionPlan, checked: Record<string, unknown>, given: object | undefined): string[] {
  return Object.entries(given ?? {})
    .filter(([key, value]) => value !== undefined && JSON.stringify(checked[key]) !== JSON.stringify(coerceValue(value, plan.schema.properties?.[key])))
    .map(([key]) => key);
}

/** An anyOf's own error says it all: the errors of its branches (each one way it could have been right) go. */
function withoutBranchErrors(errors: ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === "anyOf").map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => !anyOfs.some((prefix) => e.schemaPath.startsWith(prefix)));
}

function describeIssue(error: ErrorObject, plan: ActionPlan, params: Record<string, unknown>): ParamIssue {
  const path = error.instancePath.split("/").filter(Boolean);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const name = [...path, String(p.additionalProperty)].join(".");
      const valid = path.length === 0 ? Object.keys(plan.params) : Object.keys(nestedSchema(plan.schema, path)?.properties ?? {});
      return { param: name, message: `unknown param; valid: ${valid.join(", ") || "(none)"}` };
    }
    case "required":
      return { param: [...path, String(p.missingProperty)].join("."), message: "is required" };
    case "anyOf": {
      const branches = (schemaAt(plan.schema, error.schemaPath) as SchemaNode[] | undefined) ?? [];
      return { param: path.join("."), message: `must be ${branches.map(describeBranch).join(" or ")} (got ${JSON.stringify(valueAt(params, path))})` };
    }
    default:
      return { param: path.join("."), message: explain(error, valueAt(params, path)) };
  }
}

const FORMAT_WORDS: Record<string, string> = {
  date: "a real calendar date as YYYY-MM-DD",
  "date-time": "an ISO 8601 date-time such as 2026-03-01T09:00:00Z",
};

function describeBranch(branch: SchemaNode): string {
  return (branch.format && FORMAT_WORDS[branch.format]) ?? `a ${typeLabel(branch)}`;
}

function explain(error: ErrorObject, value: unknown): string {
  const got = ` (got ${preview(value)})`;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "format":
      return `must be ${FORMAT_WORDS[p.format as string] ?? `a valid ${p.format}`}${got}`;
    case "type":
      return `must be ${p.type}${got}`;
    case "enum":
      return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}${got}`;
    default:
      return `${error.message ?? "is invalid"}${got}`;
  }
}

function ownSchema(schema: SchemaNode, name: string): SchemaNode | undefined {
  return schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
}

function valueAt(root: unknown, path: string[]): unknown {
  let node = root;
  for (const key of path) node = node !== null && typeof node === "object" && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** The schema node at an ajv schemaPath such as "#/properties/updated_since/anyOf". */
function schemaAt(schema: SchemaNode, schemaPath: string): unknown {
  let node: unknown = schema;
  for (const key of schemaPath.replace(/^#\/?/, "").split("/").filter(Boolean)) node = (node as Record<string, unknown> | undefined)?.[decodeURIComponent(key)];
  return node;
}

function nestedSchema(schema: SchemaNode, path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const key of path) node = /^\d+$/.test(key) ? node?.items : node && ownSchema(node, key);
  return node;
}
