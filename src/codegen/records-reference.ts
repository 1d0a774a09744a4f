/** The records part of a connector's REFERENCE.md: what each action returns, and each record's fields. */
import type { Action, Manifest, RecordSchema } from "../manifest/types.js";
import { anchor, table } from "./markdown.js";

/** The heading of a record's section (records and entities may share a name, e.g. company and Company). */
const heading = (name: string) => `${name} record`;

export function recordLink(name: string): string {
  return `[${name}](${anchor(heading(name))})`;
}

/** One line under an action: what its data is. */
export function returnsLine(spec: Action): string {
  if (!spec.returns) return "Returns: whatever the API answers (nothing, for most deletes).";
  return spec.records ? `Returns: a list of ${recordLink(spec.returns)} records.` : `Returns: one ${recordLink(spec.returns)} record.`;
}

export function recordsSection(manifest: Manifest): string {
  const schemas = Object.entries(manifest.schemas ?? {});
  if (!schemas.length) return "";
  const parts = [
    "## Records",
    "",
    "The records actions return (`data`, or each element of a list's `data`), typed in TypeScript by the same names.",
    "\"always\" marks fields every record has; a type with `null` means the API sends null when there is no value.",
  ];
  for (const [name, schema] of schemas) {
    parts.push("", `### ${heading(name)}`, "");
    if (schema.description) parts.push(schema.description.trim(), "");
    const rows = fieldRows(schema);
    parts.push(rows.length ? table(["field", "type", "always", "description"], rows) : `Type: ${typeText(schema)}.`);
  }
  return parts.join("\n");
}

/** One row per field; the fields of inline objects (and of arrays of them) follow as dotted rows. */
function fieldRows(schema: RecordSchema, prefix = ""): string[][] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, node]) => {
    const path = `${prefix}${name}`;
    const row = [`\`${path}\``, typeText(node), required.has(name) ? "yes" : "", node.description ?? ""];
    const nested = node.properties ? node : node.items?.properties ? node.items : undefined;
    return [row, ...(nested ? fieldRows(nested, `${path}${nested === node ? "." : "[]."}`) : [])];
  });
}

/** "string|null", "number", a link to another record, "InvoiceLineItem[]" (links stay outside code spans). */
function typeText(node: RecordSchema): string {
  if (node.$ref) return recordLink(node.$ref);
  const variants = node.anyOf ?? node.oneOf;
  if (variants) return variants.map(typeText).join(" | ");
  if (node.enum) return node.enum.map((v) => `\`${typeof v === "string" ? v : JSON.stringify(v)}\``).join(" | ");
  const types = node.type === undefined ? ["any"] : Array.isArray(node.type) ? node.type : [node.type];
  return types
    .map((type) => {
      if (type === "array") return node.items ? `${typeText(node.items)}[]` : "array";
      return `\`${node.format ? `${type} (${node.format})` : type}\``;
    })
    .join(" | ");
}
