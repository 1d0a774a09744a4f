/**
 * The dotted field paths ("id", "project.name") a record of an action has, from its record schema, and which of a
 * list of requested fields are not among them. Pure; for faces that let callers pick fields of each record.
 */
import type { Action, Manifest, RecordSchema } from "../manifest/types.js";

export interface RecordFields {
  /** Every dotted path through objects, in schema order: "project", "project.id", "project.name", ... */
  paths: string[];
  /** Paths whose value is an object of unknown shape, so any field below them exists ("" when the whole record is). */
  open: string[];
}

export interface FieldCheck {
  /** The requested fields the records do not have, in the order given. */
  unknown: string[];
  /** The fields the records do have. */
  valid: string[];
}

const cache = new WeakMap<Manifest, Map<string, RecordFields>>();

/** The fields of a named record schema (cached per manifest). */
export function recordFields(manifest: Manifest, schema: string): RecordFields {
  let bySchema = cache.get(manifest);
  if (!bySchema) cache.set(manifest, (bySchema = new Map()));
  let fields = bySchema.get(schema);
  if (!fields) bySchema.set(schema, (fields = collect(manifest, schema)));
  return fields;
}

/** Which of `fields` an action's records lack; undefined when the action declares no record schema to check against. */
export function checkRecordFields(manifest: Manifest, action: Pick<Action, "returns">, fields: string[]): FieldCheck | undefined {
  if (!action.returns) return undefined;
  const { paths, open } = recordFields(manifest, action.returns);
  const known = new Set(paths);
  const exists = (field: string) => known.has(field) || open.some((prefix) => prefix === "" || field.startsWith(`${prefix}.`));
  return { unknown: fields.filter((field) => !exists(field)), valid: paths };
}

function collect(manifest: Manifest, name: string): RecordFields {
  const out: RecordFields = { paths: [], open: [] };
  const seen = new Set<string>();
  walk(manifest, manifest.schemas?.[name] ?? {}, "", out, seen);
  out.paths = [...new Set(out.paths)];
  return out;
}

/** Adds the paths below `prefix`; references are followed (each once per branch, so a recursive schema ends). */
function walk(manifest: Manifest, node: RecordSchema, prefix: string, out: RecordFields, following: Set<string>): void {
  if (node.$ref !== undefined) {
    if (following.has(node.$ref)) return;
    return walk(manifest, manifest.schemas?.[node.$ref] ?? {}, prefix, out, new Set([...following, node.$ref]));
  }
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) walk(manifest, branch, prefix, out, following);
  const types = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
  const untyped = types.length === 0 && !node.anyOf && !node.oneOf && !node.properties;
  if (untyped || (types.includes("object") && (!node.properties || node.additionalProperties === true))) out.open.push(prefix);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.paths.push(path);
    walk(manifest, child, path, out, following);
  }
}
