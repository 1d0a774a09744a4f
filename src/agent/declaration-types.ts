/** JSON Schemas as compact TypeScript types for the code-mode declaration: params, and the record interfaces actions return. */
import type { Manifest, RecordSchema, SchemaNode } from "../manifest/types.js";

type Node = SchemaNode | RecordSchema;

/** `number`, `date`, `"a" | "b"`, `IdName[]`, `{ id: number; name?: string }` (nested shapes only when asked). */
export function tsType(schema: Node, nested: boolean): string {
  if ("$ref" in schema && typeof schema.$ref === "string") return schema.$ref;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  // A branch without a type has its parent's ({ type: string, anyOf: [{ format: date }, { format: date-time }] }).
  if (variants) return [...new Set((variants as Node[]).map((v) => tsType({ type: schema.type, ...v } as Node, nested)))].join(" | ");
  const types = schema.type === undefined ? ["any"] : Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.map((type) => single(type, schema, nested)).join(" | ");
}

function single(type: string, schema: Node, nested: boolean): string {
  switch (type) {
    case "integer":
    case "number":
      return "number";
    case "string":
      return schema.format === "date" ? "date" : schema.format === "date-time" ? "datetime" : "string";
    case "array": {
      const item = schema.items ? tsType(schema.items, nested) : "any";
      return /[ |]/.test(item) && !item.startsWith("{") ? `(${item})[]` : `${item}[]`;
    }
    case "object":
      return nested && schema.properties ? `{ ${fields(schema, nested)} }` : "object";
    default:
      return type;
  }
}

/** `id: number; name?: string` */
function fields(schema: Node, nested: boolean): string {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .map(([name, property]) => `${key(name)}${required.has(name) ? "" : "?"}: ${tsType(property as Node, nested)}`)
    .join("; ");
}

/** A property name as TypeScript takes it. */
export function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** The record schemas these name, and every one they reference, each once, in the order met. */
export function recordClosure(manifest: Manifest, names: Iterable<string>): string[] {
  const found = new Set<string>();
  const visit = (name: string) => {
    if (found.has(name) || !manifest.schemas?.[name]) return;
    found.add(name);
    references(manifest.schemas[name]!).forEach(visit);
  };
  for (const name of names) visit(name);
  return [...found];
}

function references(node: RecordSchema): string[] {
  const out: string[] = [];
  const walk = (n: RecordSchema | boolean | undefined) => {
    if (!n || typeof n !== "object") return;
    if (typeof n.$ref === "string") out.push(n.$ref);
    [n.items, n.additionalProperties, ...Object.values(n.properties ?? {}), ...(n.anyOf ?? []), ...(n.oneOf ?? [])].forEach(walk);
  };
  walk(node);
  return out;
}

/** One line per record: `interface TimeEntry { id: number; spent_date: date; user: IdName; ... }` (a non-object, a type alias). */
export function recordInterfaces(manifest: Manifest, names: string[]): string[] {
  return names.map((name) => {
    const schema = manifest.schemas![name]!;
    return schema.properties ? `interface ${name} { ${fields(schema, true)} }` : `type ${name} = ${tsType(schema, true)};`;
  });
}
