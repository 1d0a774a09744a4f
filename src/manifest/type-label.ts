/** A short, readable type for a JSON Schema: "integer", "string (date)", "Project|Tasks", "string[]". */
import type { SchemaNode } from "./types.js";

export function typeLabel(schema: SchemaNode): string {
  if (schema.enum) return schema.enum.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("|");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeLabel).join("|");
  const types = schema.type === undefined ? ["any"] : Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.map((type) => single(type, schema)).join("|");
}

function single(type: string, schema: SchemaNode): string {
  if (type === "array") {
    const item = schema.items ? typeLabel(schema.items) : "any";
    return item.includes("|") ? `(${item})[]` : `${item}[]`;
  }
  return schema.format ? `${type} (${schema.format})` : type;
}
