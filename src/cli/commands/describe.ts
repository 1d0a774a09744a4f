/** `connectors describe`: readable text by default, the machine form with --json. Loads no HTTP, YAML or ajv code. */
import { ValidationError } from "../../errors.js";
import { describeConnector, type ActionDescription, type ConnectorDescription } from "../../runtime/describe.js";
import type { SchemaNode } from "../../manifest/types.js";
import { loadManifest } from "../manifests.js";

export async function describe(name: string, entity: string | undefined, action: string | undefined, options: { json?: boolean }): Promise<void> {
  const description = describeConnector(await loadManifest(name));
  const selected = select(description, entity, action);
  if (options.json) return void process.stdout.write(`${JSON.stringify(selected, null, 2)}\n`);
  process.stdout.write(action ? actionText(name, entity!, action, selected as ActionDescription) : entity ? entityText(name, entity, description) : connectorText(description));
}

function select(d: ConnectorDescription, entity?: string, action?: string): unknown {
  if (!entity) return d;
  const e = Object.hasOwn(d.entities, entity) ? d.entities[entity] : undefined;
  if (!e) throw new ValidationError(`unknown entity "${entity}" for ${d.name}; entities: ${Object.keys(d.entities).join(", ")}`);
  if (!action) return e;
  if (!Object.hasOwn(e.actions, action)) throw new ValidationError(`unknown action "${action}" for ${d.name} ${entity}; actions: ${Object.keys(e.actions).join(", ")}`);
  return e.actions[action];
}

function connectorText(d: ConnectorDescription): string {
  const lines = [`${d.title} (${d.name}): ${d.description}`, ""];
  if (d.guidance.length) lines.push("Rules:", ...d.guidance.map((g) => `  - ${g}`), "");
  lines.push("Credentials (environment variables):");
  for (const [variant, v] of Object.entries(d.credentials))
    lines.push(`  ${variant}: ${Object.values(v.fields).map((f) => f.env).filter(Boolean).join(", ")}${v.description ? `  - ${v.description}` : ""}`);
  lines.push(`  or store them encrypted: connectors credentials set ${d.name} [--variant NAME] (the environment wins)`, "", "Entities:");
  for (const [name, e] of Object.entries(d.entities)) lines.push(`  ${name}: ${Object.keys(e.actions).join(", ")}`);
  lines.push("", `More: connectors describe ${d.name} <entity> [action]`);
  return `${lines.join("\n")}\n`;
}

function entityText(connector: string, entity: string, d: ConnectorDescription): string {
  const e = d.entities[entity]!;
  const lines = [`${entity}: ${e.description}`, ""];
  for (const [name, a] of Object.entries(e.actions)) lines.push(`  ${name.padEnd(24)} ${a.method.padEnd(6)} ${a.path}`, `  ${"".padEnd(24)} ${a.description}`);
  lines.push("", `More: connectors describe ${connector} ${entity} <action>`);
  return `${lines.join("\n")}\n`;
}

function actionText(connector: string, entity: string, action: string, a: ActionDescription): string {
  const lines = [`${entity}.${action}: ${a.description}`, `${a.method} ${a.path}${a.paginated ? "  (paginated: --all or --limit N)" : ""}`];
  if (a.notes) lines.push("", a.notes.trim());
  lines.push("", "Params:");
  const required = new Set(a.params.required ?? []);
  for (const [name, schema] of Object.entries(a.params.properties ?? {}))
    lines.push(`  ${name.padEnd(24)} ${typeOf(schema).padEnd(16)} ${required.has(name) ? "required " : ""}${schema.description ?? ""}`.trimEnd());
  const example = Object.entries(a.example.params).map(([k, v]) => `-p ${k}=${typeof v === "object" ? `'${JSON.stringify(v)}'` : v}`);
  lines.push("", `Example: connectors execute ${connector} ${entity} ${action} ${example.join(" ")}`.trimEnd());
  return `${lines.join("\n")}\n`;
}

function typeOf(schema: SchemaNode): string {
  if (schema.enum) return schema.enum.join("|");
  const type = Array.isArray(schema.type) ? schema.type.join("|") : (schema.type ?? "any");
  if (schema.format) return `${type} (${schema.format})`;
  if (type === "array" && schema.items) return `${typeOf(schema.items)}[]`;
  return type;
}
