/**
 * The execute tool's input: its JSON Schema, and the forgiving parse of what a model actually sends
 * (JSON text instead of an object, paging options inside params, params at the top level).
 */
import { ValidationError, type ParamIssue } from "../errors.js";
import type { Catalog } from "./catalog.js";
import type { JsonSchema } from "./types.js";

export interface ExecuteInput {
  entity: string;
  action: string;
  params: Record<string, unknown>;
  all?: boolean;
  limit?: number;
  fields?: string[];
}

/** Call options a model may put inside params; moved out unless the action has a param of that name. */
const CALL_OPTIONS = ["all", "limit", "fields"] as const;
const INPUT_KEYS = new Set(["entity", "action", "params", ...CALL_OPTIONS]);

export function executeInputSchema(catalog: Catalog): JsonSchema {
  const [entity, first] = Object.entries(catalog.entities)[0] ?? ["", { actions: {} }];
  const action = Object.keys(first.actions)[0] ?? "";
  return {
    type: "object",
    properties: {
      entity: { type: "string", enum: Object.keys(catalog.entities), description: `The entity, e.g. ${entity}.` },
      action: { type: "string", description: `One of the entity's actions (listed in the description), e.g. ${action}.` },
      params: { type: "object", description: "The action's params; for the next page of a list, the meta.next of the previous result.", additionalProperties: true },
      all: { type: "boolean", description: "Fetch every page of a list." },
      limit: { type: "integer", minimum: 1, description: "Stop after this many records, walking pages as needed." },
      fields: { type: "array", items: { type: "string" }, description: "Keep only these fields of each record (dotted paths such as project.name)." },
    },
    required: ["entity", "action"],
    additionalProperties: false,
  };
}

/** Reads the model's arguments; throws a ValidationError naming each problem. */
export function parseExecuteInput(args: unknown, catalog: Catalog): ExecuteInput {
  const input = toolArguments(args);
  const issues: ParamIssue[] = [];
  const misplaced = Object.keys(input).filter((key) => !INPUT_KEYS.has(key));
  if (misplaced.length) issues.push({ param: misplaced.join(", "), message: 'unknown key: the action\'s params go inside "params"' });
  for (const key of ["entity", "action"] as const)
    if (typeof input[key] !== "string" || !input[key]) issues.push({ param: key, message: "is required (a name from the tool description)" });
  const entity = String(input.entity ?? "");
  const action = String(input.action ?? "");
  const params = input.params === undefined || input.params === null ? {} : asObject(input.params, "params");
  const declared = catalog.manifest.entities[entity]?.actions[action]?.params ?? {};
  const raw: Record<string, unknown> = { all: input.all, limit: input.limit, fields: input.fields };
  for (const key of CALL_OPTIONS)
    if (key in params && !(key in declared)) {
      raw[key] ??= params[key];
      delete params[key];
    }
  const parsed: ExecuteInput = { entity, action, params, ...callOptions(raw, issues) };
  if (issues.length) throw new ValidationError("invalid tool input; nothing was sent", issues);
  return parsed;
}

/** The model's arguments as an object: tools are handed objects or, by some frameworks, the raw JSON text. */
export function toolArguments(args: unknown): Record<string, unknown> {
  return asObject(args, "the tool input");
}

/** all, limit and fields, checked; each problem goes to issues. */
function callOptions(raw: Record<string, unknown>, issues: ParamIssue[]): Pick<ExecuteInput, "all" | "limit" | "fields"> {
  const options: Pick<ExecuteInput, "all" | "limit" | "fields"> = {};
  if (raw.all !== undefined) {
    if (typeof raw.all === "boolean") options.all = raw.all;
    else issues.push({ param: "all", message: `must be true or false (got ${JSON.stringify(raw.all)})` });
  }
  if (raw.limit !== undefined) {
    const limit = Number(raw.limit);
    if (Number.isInteger(limit) && limit > 0) options.limit = limit;
    else issues.push({ param: "limit", message: `must be a positive whole number (got ${JSON.stringify(raw.limit)})` });
  }
  if (raw.fields !== undefined) {
    const fields = typeof raw.fields === "string" ? raw.fields.split(",").map((f) => f.trim()) : raw.fields;
    if (Array.isArray(fields) && fields.every((f) => typeof f === "string" && f)) options.fields = fields as string[];
    else issues.push({ param: "fields", message: `must be a list of field names (got ${JSON.stringify(raw.fields)})` });
  }
  return options;
}

/** An object, or JSON text of one. */
function asObject(value: unknown, what: string): Record<string, unknown> {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ValidationError(`${what} is not valid JSON; nothing was sent`);
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new ValidationError(`${what} must be a JSON object; nothing was sent`);
  return { ...(parsed as Record<string, unknown>) };
}
