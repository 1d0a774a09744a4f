/**
 * The execute tool's description, generated from the manifest: what the connector is for, its rules, how results,
 * pages, costs and errors work, and every action in scope in compact form. Fitted to a size budget by showing fewer
 * optional params per action, never by leaving an action out.
 */
import type { Catalog } from "./catalog.js";
import { actionSignature } from "./signature.js";

export interface AgentDescriptionOptions {
  /** Longest description, in characters (default 16,000: about 4k tokens). */
  maxChars?: number;
  /** Where results are cut, to say so. */
  maxResultChars: number;
}

// Optional params shown per action, most first; the first level that fits the budget wins.
const OPTIONAL_PARAM_LEVELS = [Infinity, 12, 10, 8, 6, 5, 4, 3, 2, 1, 0];

export function describeForAgent(catalog: Catalog, options: AgentDescriptionOptions): string {
  const maxChars = options.maxChars ?? 16_000;
  const head = preamble(catalog, options);
  let text = "";
  for (const maxOptional of OPTIONAL_PARAM_LEVELS) {
    text = `${head}\n\n${actionLines(catalog, maxOptional).join("\n")}`;
    if (text.length <= maxChars) break;
  }
  return text;
}

function preamble(catalog: Catalog, options: AgentDescriptionOptions): string {
  const { manifest } = catalog;
  const priced = Object.values(catalog.entities).some((e) => Object.values(e.actions).some((a) => a.cost));
  const lines = [
    `${manifest.title} (${manifest.name}): ${manifest.description.trim()}`,
    'Call with {"entity", "action", "params"}. Optional: "cursor": continue a list; "all": true fetches every page of a list; "limit": N stops after N records; ' +
      '"fields": ["id", "project.name"] keeps only those (dotted) fields of each record.',
  ];
  // The tool is narrowed: say so, so the model does not look for what is missing.
  if (catalog.scoped) lines.push("This tool is limited to the actions listed below.");
  if (manifest.guidance?.length) lines.push("", "Rules:", ...manifest.guidance.map((rule) => `- ${rule}`));
  lines.push(
    "",
    'Results are JSON {"meta", "data"}. A list gives one page: when meta.has_more, call again with {"cursor": meta.cursor} to go on exactly ' +
      "after the last record returned (same filters; nothing skipped or repeated), or use all/limit. " +
      `Results longer than ${options.maxResultChars} characters are cut to whole records, with meta.cursor at the first one left out.`,
  );
  if (priced)
    lines.push(
      `Costs (${manifest.costs?.currency ?? "USD"}) are shown after an action: per request, per page for lists; meta.cost says what a call spent. ` +
        "Use limit to bound how many pages a list walks.",
    );
  lines.push(
    'Errors come back as text starting with "Error" and saying what to do next. A wrong entity, action or param is refused before anything is sent, with the valid ones listed.',
    "",
    "Actions as action(params): * marks a required param; ... means more optional params (an unknown param's error lists them all).",
  );
  return lines.join("\n");
}

function actionLines(catalog: Catalog, maxOptional: number): string[] {
  const currency = catalog.manifest.costs?.currency ?? "USD";
  return Object.entries(catalog.entities).flatMap(([entity, e]) => [
    `${entity}: ${e.description.trim()}`,
    `  ${Object.entries(e.actions)
      .map(([name, action]) => actionSignature(name, action, maxOptional, currency))
      .join(" ")}`,
  ]);
}
