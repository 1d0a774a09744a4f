/** Record schemas: which actions return records, and each named schema as plain JSON Schema (for ajv, codegen, docs). */
import type { Action, Manifest, RecordSchema, SchemaNode } from "./types.js";

/** An action returns records when it says where they are, or answers anything but a DELETE (whose answer is empty). */
export function returnsRecords(action: Action): boolean {
  return action.records !== undefined || action.record !== undefined || action.method !== "DELETE";
}

/** A copy of the schema with every `{ $ref: Name }` node replaced by `replace(Name, node)`. */
export function mapRefs(schema: RecordSchema, replace: (name: string, node: RecordSchema) => object): object {
  if (schema.$ref !== undefined) return replace(schema.$ref, schema);
  const out: Record<string, unknown> = { ...schema };
  if (schema.items) out.items = mapRefs(schema.items, replace);
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, node]) => [key, mapRefs(node, replace)]));
  if (typeof schema.additionalProperties === "object") out.additionalProperties = mapRefs(schema.additionalProperties, replace);
  for (const key of ["anyOf", "oneOf"] as const) if (schema[key]) out[key] = schema[key]!.map((node) => mapRefs(node, replace));
  return out;
}

/** Names of the record schemas this one reuses, directly. */
export function refsOf(schema: RecordSchema): string[] {
  const names: string[] = [];
  mapRefs(schema, (name) => (names.push(name), {}));
  return names;
}

/**
 * One named record schema as a standalone JSON Schema: `$ref`s point into `definitions`, which holds every schema of
 * the manifest. `closed` also refuses fields a schema does not list (for checking a sandbox keeps to its schemas).
 */
export function recordJsonSchema(manifest: Manifest, name: string, options: { closed?: boolean } = {}): SchemaNode & { definitions: object } {
  const definitions: Record<string, object> = {};
  for (const [key, schema] of Object.entries(manifest.schemas ?? {})) {
    const plain = mapRefs(schema, (ref, node) => ({ ...node, $ref: `#/definitions/${ref}` }));
    definitions[key] = options.closed ? closeObjects(plain as SchemaNode) : plain;
  }
  return { $ref: `#/definitions/${name}`, definitions } as SchemaNode & { definitions: object };
}

/** Every object node with properties and no say about others gets additionalProperties: false. */
function closeObjects(schema: SchemaNode): SchemaNode {
  const out: SchemaNode = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, node]) => [key, closeObjects(node)]));
    out.additionalProperties ??= false;
  }
  if (schema.items) out.items = closeObjects(schema.items);
  for (const key of ["anyOf", "oneOf"] as const) if (schema[key]) out[key] = schema[key]!.map(closeObjects);
  return out;
}
