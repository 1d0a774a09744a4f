/** Turns an action's declaration into its complete parameter list and JSON Schema. */
import { own } from "./own.js";
import type { Action, Manifest, ParamLocation, ParamSpec, SchemaNode } from "./types.js";

export interface ResolvedParam extends ParamSpec {
  in: ParamLocation;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Names of the `{placeholders}` in a path template, in order. */
export function pathPlaceholders(path: string): string[] {
  return [...path.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Where a param goes when the action does not say: the path if named there, else the manifest's default, else query for reads, body for writes. */
function defaultLocation(manifest: Manifest, name: string, action: Action, placeholders: string[]): ParamLocation {
  if (placeholders.includes(name)) return "path";
  if (manifest.default_param_location) return manifest.default_param_location;
  return action.method === "GET" || action.method === "DELETE" ? "query" : "body";
}

/** The action's params: its groups (`use`) first, then its own, which win. Unknown groups are skipped here (the checker reports them). */
export function resolveParams(manifest: Manifest, action: Action): Record<string, ResolvedParam> {
  const placeholders = pathPlaceholders(action.path);
  const merged: Record<string, ParamSpec> = {};
  for (const group of action.use ?? []) Object.assign(merged, own(manifest.param_groups, group));
  Object.assign(merged, action.params);
  const resolved: Record<string, ResolvedParam> = {};
  for (const [name, spec] of Object.entries(merged)) {
    const location = spec.in ?? defaultLocation(manifest, name, action, placeholders);
    const required = Array.isArray(spec.required) ? spec.required : spec.required || location === "path" || undefined;
    resolved[name] = { ...spec, in: location, required };
  }
  return resolved;
}

const WIRE_ONLY_KEYS = new Set(["in", "required", "wire_name", "style", "send_when"]);

/** The JSON Schema of the params object: closed, with top-level required names. */
export function paramsSchema(params: Record<string, ResolvedParam>): SchemaNode {
  const properties: Record<string, SchemaNode> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(params)) {
    properties[name] = schemaOf(spec);
    if (spec.required === true) required.push(name);
  }
  return { type: "object", properties, required, additionalProperties: false };
}

function schemaOf(spec: ResolvedParam): SchemaNode {
  const schema: Record<string, unknown> = {};
  // An object param's list of required properties is its schema's own `required`.
  for (const [key, value] of Object.entries(spec)) if (!WIRE_ONLY_KEYS.has(key) || (key === "required" && Array.isArray(value))) schema[key] = value;
  return schema as SchemaNode;
}
