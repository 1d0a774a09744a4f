/**
 * The execute tool's input: its JSON Schema, and the forgiving parse of what a model actually sends
 * (JSON text instead of an object, paging options inside params, params at the top level).
 */
import { ConnectorError, ValidationError, type ParamIssue } from "../errors.js";
import { cursorAction } from "../runtime/cursor.js";
import { parseFields } from "../runtime/fields.js";
import type { Catalog } from "./catalog.js";
import type { JsonSchema } from "./types.js";

export interface ExecuteInput {
  entity: string;
  action: string;
  params: Record<string, unknown>;
  cursor?: string;
  all?: boolean;
  limit?: number;
  fields?: string[];
}

/** Call options a model may put inside params; moved out unless the action has a param of that name. */
const CALL_OPTIONS = ["cursor", "all", "limit", "fields"] as const;
const INPUT_KEYS = new Set(["entity", "action", "params", ...CALL_OPTIONS]);

export function executeInputSchema(catalog: Catalog): JsonSchema {
  const [entity, first] = Object.entries(catalog.entities)[0] ?? ["", { actions: {} }];
  const action = Object.keys(first.actions)[0] ?? "";
  return {
    type: "object",
    properties: {
      entity: { type: "string", enum: Object.keys(catalog.entities), description: `The entity, e.g. ${entity}.` },
      action: { type: "string", description: `One of the entity's actions (listed in the description), e.g. ${action}.` },
      params: { type: "object", description: "The action's params.", additionalProperties: true },
      cursor: { type: "string", description: "meta.cursor of an earlier result: continues that list exactly after its last record, with its params (params may be left out)." },
      all: { type: "boolean", description: "Fetch every page of a list." },
      limit: { type: "integer", minimum: 1, description: "Return at most this many records, walking pages as needed." },
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
  const params = input.params === undefined || input.params === null ? {} : asObject(input.params, "params");
  const raw: Record<string, unknown> = { cursor: input.cursor, all: input.all, limit: input.limit, fields: input.fields };
  for (const key of CALL_OPTIONS)
    if (Object.hasOwn(params, key) && !declares(catalog, input.entity, input.action, key)) {
      raw[key] ??= params[key];
      delete params[key];
    }
  const options = callOptions(raw, issues);
  const named = options.cursor === undefined ? undefined : fromCursor(options.cursor, issues);
  for (const key of ["entity", "action"] as const)
    if (input[key] !== undefined ? typeof input[key] !== "string" || !input[key] : !named)
      issues.push({ param: key, message: "is required (a name from the tool description)" });
  if (issues.length) throw new ValidationError("invalid tool input; nothing was sent", issues);
  return { entity: (input.entity as string | undefined) ?? named!.entity, action: (input.action as string | undefined) ?? named!.action, params, ...options };
}

/** The model's arguments as an object: tools are handed objects or, by some frameworks, the raw JSON text. */
export function toolArguments(args: unknown): Record<string, unknown> {
  return asObject(args, "the tool input");
}

/** Whether the action itself has a param of that name (then it stays in params). Unknown actions have none. */
function declares(catalog: Catalog, entity: unknown, action: unknown, param: string): boolean {
  const entities = catalog.manifest.entities;
  if (typeof entity !== "string" || typeof action !== "string" || !Object.hasOwn(entities, entity)) return false;
  const actions = entities[entity]!.actions;
  return Object.hasOwn(actions, action) && Object.hasOwn(actions[action]!.params ?? {}, param);
}

function fromCursor(cursor: string, issues: ParamIssue[]): { entity: string; action: string } | undefined {
  try {
    return cursorAction(cursor);
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    issues.push({ param: "cursor", message: `${error.message.replace(/^invalid cursor: /, "")}` });
    return undefined;
  }
}

/** cursor, all, limit and fields, checked; each problem goes to issues. */
function callOptions(raw: Record<string, unknown>, issues: ParamIssue[]): Pick<ExecuteInput, "cursor" | "all" | "limit" | "fields"> {
  const options: Pick<ExecuteInput, "cursor" | "all" | "limit" | "fields"> = {};
  if (raw.cursor !== undefined && raw.cursor !== null) {
    if (typeof raw.cursor === "string" && raw.cursor) options.cursor = raw.cursor;
    else issues.push({ param: "cursor", message: `must be the meta.cursor string of an earlier result (got ${JSON.stringify(raw.cursor)})` });
  }
  if (raw.all !== undefined) {
    if (typeof raw.all === "boolean") options.all = raw.all;
    else issues.push({ param: "all", message: `must be true or false (got ${JSON.stringify(raw.all)})` });
  }
  if (raw.limit !== undefined) {
    const limit = Number(raw.limit);
    if (Number.isInteger(limit) && limit > 0) options.limit = limit;
    else issues.push({ param: "limit", message: `must be a positive whole number (got ${JSON.stringify(raw.limit)})` });
  }
  try {
    options.fields = parseFields(raw.fields);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  if (options.fields === undefined) delete options.fields;
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
