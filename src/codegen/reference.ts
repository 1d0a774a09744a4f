/** connectors/<name>/REFERENCE.md: everything a connector offers, for people, generated from its manifest. */
import { envVariableName } from "../credentials/env.js";
import type { Action, Manifest, SchemaNode } from "../manifest/types.js";
import { describeConnector, type ActionDescription } from "../runtime/describe.js";
import { typeLabel } from "../manifest/type-label.js";
import { markdownBanner } from "./banner.js";
import { agentExample, cliExample, codeExample, libraryExample, primaryExample } from "./examples.js";
import { anchor, table } from "./markdown.js";
import { recordLink, recordsSection, returnsLine } from "./records-reference.js";

export function generateReference(manifest: Manifest, source: string): string {
  const sections = [
    markdownBanner(source) + header(manifest),
    credentials(manifest),
    guidance(manifest),
    examples(manifest),
    costs(manifest),
    rateLimits(manifest),
    contents(manifest),
    ...entities(manifest),
    recordsSection(manifest),
  ];
  return `${sections.filter(Boolean).join("\n\n")}\n`;
}

function header(manifest: Manifest): string {
  const actions = Object.values(manifest.entities).reduce((n, e) => n + Object.keys(e.actions).length, 0);
  const lines = [`# ${manifest.title} connector reference (\`${manifest.name}\`)`, "", manifest.description.trim(), ""];
  lines.push(`${Object.keys(manifest.entities).length} entities, ${actions} actions. Base URL: ${manifest.base_url}.`);
  if (manifest.docs_url) lines.push(`API documentation: ${manifest.docs_url}.`);
  return lines.join("\n");
}

function credentials(manifest: Manifest): string {
  const lines = ["## Credentials", ""];
  lines.push(
    "Credentials are read from environment variables unless `connect(name, { credentials })` passes a record or a store.",
    "A named account (`{ account: \"work\" }`, `--account work`) reads the same variables with a suffix: " +
      `\`${envVariableName("NAME", "work")}\`. An empty variable counts as unset.`,
  );
  for (const [name, variant] of Object.entries(manifest.auth)) {
    lines.push("", `### ${name}`, "");
    if (variant.description) lines.push(variant.description.trim(), "");
    if (variant.type === "oauth2_refresh") lines.push(`OAuth2: access tokens are refreshed at ${variant.token_url} when missing or expired.`, "");
    const rows = Object.entries(variant.fields).map(([field, spec]) => [
      `\`${field}\``,
      spec.env ? `\`${spec.env}\`` : "",
      spec.optional ? "no" : "yes",
      spec.secret ? "yes" : "no",
      spec.description ?? "",
    ]);
    lines.push(table(["field", "environment variable", "required", "secret", "description"], rows));
    const exports = Object.values(variant.fields).filter((f) => f.env && !f.optional).map((f) => `export ${f.env}=...`);
    if (exports.length) lines.push("", "```sh", ...exports, "```");
  }
  return lines.join("\n");
}

function guidance(manifest: Manifest): string {
  if (!manifest.guidance?.length) return "";
  return ["## Rules for callers", "", ...manifest.guidance.map((rule) => `- ${rule}`)].join("\n");
}

function examples(manifest: Manifest): string {
  const call = primaryExample(manifest);
  return [
    "## Examples",
    "",
    "### Library",
    "",
    "```ts",
    libraryExample(manifest, call),
    "```",
    "",
    "### CLI",
    "",
    "```sh",
    cliExample(manifest, call),
    "```",
    "",
    `### Agent tool (\`${manifest.name}_execute\`)`,
    "",
    "```ts",
    agentExample(manifest, call),
    "```",
    "",
    "### Code mode",
    "",
    `A script sees the API as declared in [\`${manifest.name}.d.ts\`](${manifest.name}.d.ts), which is also the \`${manifest.name}_run\` tool's description.`,
    "",
    "```ts",
    codeExample(manifest, call),
    "```",
  ].join("\n");
}

function costs(manifest: Manifest): string {
  if (!manifest.costs) return "";
  const rows = actionsOf(manifest)
    .filter(({ spec }) => spec.cost)
    .map(({ entity, action, spec }) => {
      const cost = spec.cost!;
      const unit = cost.per === "item" ? `per item of \`${cost.items_param ?? "the list"}\`` : spec.pagination ? "per page" : "per request";
      const when = (cost.when ?? []).map((w) => `${w.amount} when ${w.param} = ${JSON.stringify(w.equals)}`).join("; ");
      return [`\`${entity}.${action}\``, String(cost.amount), unit, when, cost.billed_by ?? manifest.name, cost.note ?? ""];
    });
  return [
    "## Costs",
    "",
    `Amounts in ${manifest.costs.currency}. \`meta.cost\` says what a call spent; \`connector.estimate(entity, action, params)\` what it would;`,
    "`{ budget }` (CLI `--budget`) refuses, before sending, a call estimated over it.",
    "",
    table(["action", "cost", "unit", "cost when", "billed by", "note"], rows),
  ].join("\n");
}

function rateLimits(manifest: Manifest): string {
  const groups = Object.entries(manifest.rate_limits ?? {});
  if (!groups.length) return "";
  const rows = groups.map(([name, g]) => [name, `${g.requests} per ${g.per_seconds} s`, g.description ?? ""]);
  return ["## Rate limits", "", "The client paces itself under these limits and waits out a 429's Retry-After.", "", table(["group", "limit", "description"], rows)].join("\n");
}

function contents(manifest: Manifest): string {
  const lines = Object.entries(manifest.entities).map(([entity, e]) => `- [${entity}](${anchor(entity)}): ${Object.keys(e.actions).join(", ")}`);
  const records = Object.keys(manifest.schemas ?? {}).map(recordLink);
  return ["## Entities", "", ...lines, ...(records.length ? ["", `Records: ${records.join(", ")}.`] : [])].join("\n");
}

function entities(manifest: Manifest): string[] {
  const described = describeConnector(manifest);
  return Object.entries(described.entities).map(([entity, e]) => {
    const parts = [`## ${entity}`, "", e.description.trim()];
    for (const [action, a] of Object.entries(e.actions)) parts.push("", actionSection(manifest, entity, action, a, manifest.entities[entity]!.actions[action]!));
    return parts.join("\n");
  });
}

function actionSection(manifest: Manifest, entity: string, action: string, a: ActionDescription, spec: Action): string {
  const traits = [
    a.annotations.read_only ? "read-only" : a.annotations.destructive ? "destructive" : "writes",
    a.annotations.idempotent && !a.annotations.read_only ? "idempotent" : "",
    a.paginated ? "paginated" : "",
    spec.rate_limit ? `rate limit: ${spec.rate_limit}` : "",
    spec.cost ? `costs ${spec.cost.amount} ${manifest.costs?.currency ?? ""}`.trim() : "",
  ].filter(Boolean);
  const lines = [`### ${entity}.${action}`, "", a.description.trim()];
  if (a.notes) lines.push("", a.notes.trim());
  lines.push("", `\`${a.method} ${a.path}\` · ${traits.join(" · ")}`, "");
  const rows = paramRows(a.params);
  lines.push(rows.length ? table(["param", "type", "required", "default", "description"], rows) : "No params.");
  lines.push("", returnsLine(spec), "", `Example: \`${JSON.stringify(a.example.params)}\``);
  return lines.join("\n");
}

/** One row per param; the fields of object params (and of arrays of objects) follow as dotted rows. */
function paramRows(schema: SchemaNode, prefix = ""): string[][] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, node]) => {
    const path = `${prefix}${name}`;
    const row = [
      `\`${path}\``,
      `\`${typeLabel(node)}\``,
      required.has(name) ? "yes" : "",
      node.default === undefined ? "" : `\`${JSON.stringify(node.default)}\``,
      [node.deprecated ? "Deprecated." : "", node.description ?? ""].filter(Boolean).join(" "),
    ];
    const nested = node.properties ? node : node.items?.properties ? node.items : undefined;
    return [row, ...(nested ? paramRows(nested, `${path}${nested === node ? "." : "[]."}`) : [])];
  });
}

function actionsOf(manifest: Manifest): { entity: string; action: string; spec: Action }[] {
  return Object.entries(manifest.entities).flatMap(([entity, e]) => Object.entries(e.actions).map(([action, spec]) => ({ entity, action, spec })));
}
