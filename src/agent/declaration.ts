/**
 * Code mode's API as a compact TypeScript declaration, generated from the manifest: each entity in scope with its
 * actions, their params' types and the records they return, led by the rules as comments. It is the run tool's
 * description and, written by codegen, connectors/<name>/<name>.d.ts. Fitted to a size by showing less (nested
 * shapes, prose, optional params of writes, records of single gets, then list filters), never by leaving an action out.
 */
import type { Catalog, CatalogAction } from "./catalog.js";
import { key, recordClosure, recordInterfaces, tsType } from "./declaration-types.js";
import { costLabel } from "./signature.js";

export interface DeclarationOptions {
  /** Longest text, in characters (default 16,000: about 4k tokens). */
  maxChars?: number;
  /** The limits the script runs under, to state them. */
  limits: { timeout: number; maxMemoryMb: number; maxCalls: number; maxResultChars: number; budget?: number };
  /** The tool's name, for the first line. */
  toolName: string;
}

interface Detail {
  /** Optional params shown per read-only action (list filters, say). */
  optional: number;
  /** Optional params shown per action that writes (docs() gives them all before a write). */
  writeOptional: number;
  /** Nested object params with their shape, not just `object`. */
  nested: boolean;
  /** Entity descriptions: whole, their first sentence, or none. */
  prose: "whole" | "first" | "none";
  /** Record interfaces declared: of every action, or those of lists (what scripts add up) that fit, in catalog order. */
  records: "all" | "lists";
}

/** Most detailed first; the first that fits wins. A script needs names, types and list records most: those go last. */
const DETAIL_LEVELS: Detail[] = [
  { optional: Infinity, writeOptional: Infinity, nested: true, prose: "whole", records: "all" },
  { optional: Infinity, writeOptional: Infinity, nested: false, prose: "whole", records: "all" },
  ...[Infinity, 8, 4, 2, 0].map((writeOptional) => ({ optional: Infinity, writeOptional, nested: false, prose: "first" as const, records: "all" as const })),
  { optional: Infinity, writeOptional: 0, nested: false, prose: "none", records: "all" },
  ...[Infinity, 12, 8, 4, 2, 0].map((optional) => ({ optional, writeOptional: 0, nested: false, prose: "none" as const, records: "lists" as const })),
];

export function codeDeclaration(catalog: Catalog, options: DeclarationOptions): string {
  const maxChars = options.maxChars ?? 16_000;
  const head = [...rules(catalog, options), "", ...SHARED_TYPES].join("\n");
  const render = (detail: Detail, records: string[]) =>
    [head, recordInterfaces(catalog.manifest, records).join("\n"), apiDeclaration(catalog, detail, new Set(records))].filter(Boolean).join("\n\n") + "\n";
  let text = "";
  for (const detail of DETAIL_LEVELS) {
    if (detail.records === "all") text = render(detail, recordClosure(catalog.manifest, returned(catalog, false)));
    else {
      // Each list's record (with what it references) while it fits; lists first in the manifest come first.
      let records: string[] = [];
      for (const name of returned(catalog, true)) {
        const more = recordClosure(catalog.manifest, [...records, name]);
        if (render(detail, more).length <= maxChars) records = more;
      }
      text = render(detail, records);
    }
    if (text.length <= maxChars) break;
  }
  return text;
}

/** The record schemas the offered actions (or only their lists) return, in catalog order. */
function returned(catalog: Catalog, listsOnly: boolean): string[] {
  const actions = Object.values(catalog.entities).flatMap((e) => Object.values(e.actions));
  return [...new Set(actions.filter((a) => !listsOnly || a.list).flatMap((a) => (a.record ? [a.record] : [])))];
}

function rules(catalog: Catalog, { limits, toolName }: DeclarationOptions): string[] {
  const { manifest } = catalog;
  const name = manifest.name;
  const budget = limits.budget === undefined ? "" : `, ${costLabel({ amount: limits.budget }, manifest.costs?.currency ?? "USD")} spent in all`;
  const lines = [
    `${toolName}: run a JavaScript program against ${manifest.title} (${name}); only its answer comes back. ${manifest.description.trim()}`,
    `The code is the body of an async function: await the calls and return the answer as JSON (at most ${limits.maxResultChars} characters); compute totals, filters and joins in the code.`,
    "Calls resolve to { data, meta }; a list gives one page unless options say { all: true }, { limit: N } or { cursor: meta.cursor }.",
    "Run independent calls at once with Promise.all (the connector paces them). A failed call throws an Error with name, code (E_VALIDATION, E_SCOPE, E_NOT_FOUND, E_AUTH, E_RATE_LIMIT, E_CREDITS, ...) and message.",
    `docs("entity.action") gives an action's notes and params as JSON Schema, docs("entity") all its actions; /* +N */ marks N optional params not shown. ${name}.account("work") is the API on the user's account named "work".`,
    `console.log/warn/error lines come back with the answer. No network, files, timers or modules. Limits: ${limits.timeout / 1000} s, ${limits.maxMemoryMb} MB, ${limits.maxCalls} calls${budget}.`,
  ];
  if (catalog.scoped) lines.push(`Only the actions declared below are allowed; others are refused with E_SCOPE.`);
  if (manifest.guidance?.length) lines.push("Rules:", ...manifest.guidance.map((rule) => `- ${rule}`));
  return lines.map((line) => `// ${line}`);
}

const SHARED_TYPES = [
  "type date = string; // YYYY-MM-DD",
  "type datetime = string; // ISO 8601",
  "interface Meta { status: number; has_more?: boolean; cursor?: string; total?: number; pages?: number; cost?: number }",
  "type One<T> = Promise<{ data: T; meta: Meta }>;",
  "type List<T> = Promise<{ data: T[]; meta: Meta }>;",
  "interface Paging { all?: boolean; limit?: number; cursor?: string }",
  "/** A record whose fields are not declared here: docs(\"entity.action\").fields lists them. */",
  "type Rec = Record<string, any>;",
];

function apiDeclaration(catalog: Catalog, detail: Detail, records: ReadonlySet<string>): string {
  const name = catalog.manifest.name;
  const currency = catalog.manifest.costs?.currency ?? "USD";
  // An entity named like a method (harvestapi's "account") is both: the method's call signature among its actions.
  const methods: Record<string, string> = { account: `(name: string): typeof ${name};`, docs: "(path: string): any;" };
  const lines = [`declare const ${name}: {`, ...Object.entries(methods).filter(([m]) => !Object.hasOwn(catalog.entities, m)).map(([m, signature]) => `  ${m}${signature}`)];
  for (const [entity, e] of Object.entries(catalog.entities)) {
    const prose = detail.prose === "whole" ? e.description.trim() : firstSentence(e.description);
    if (detail.prose !== "none") lines.push(`  /** ${prose.replace(/\*\//g, "* /")} */`);
    lines.push(`  ${entity}: {`);
    if (Object.hasOwn(methods, entity)) lines.push(`    ${methods[entity]}`);
    for (const [action, a] of Object.entries(e.actions)) {
      const cost = a.cost ? ` // ${costLabel(a.cost, currency)}` : "";
      const record = a.record && records.has(a.record) ? a.record : "Rec";
      lines.push(`    ${action}(${paramsDeclaration(a, pageSizeParam(catalog, entity, action), detail)}${a.list ? ", options?: Paging" : ""}): ${a.list ? "List" : "One"}<${record}>;${cost}`);
    }
    lines.push("  };");
  }
  lines.push("};", "declare function docs(path: string): any;", "declare const console: { log(...values: unknown[]): void; warn(...values: unknown[]): void; error(...values: unknown[]): void };");
  return lines.join("\n");
}

function firstSentence(text: string): string {
  const trimmed = text.trim();
  const end = trimmed.search(/(?<!\b(?:e\.g|i\.e|etc))\.\s+(?=[A-Z])/);
  return end < 0 ? trimmed : trimmed.slice(0, end + 1);
}

/** The param that sets a list's page size: a script's options walk the pages, so it is left out like the paging params. */
function pageSizeParam(catalog: Catalog, entity: string, action: string): string | undefined {
  const strategy = catalog.manifest.entities[entity]!.actions[action]!.pagination;
  const declared = strategy ? catalog.manifest.pagination?.[strategy] : undefined;
  return declared && declared.type !== "none" ? declared.size_param : undefined;
}

/** `params: { id: number; from?: date }`, optional params cut to the detail's count, with a count of the rest. */
function paramsDeclaration(action: CatalogAction, pageSize: string | undefined, detail: Detail): string {
  const maxOptional = action.annotations.read_only ? detail.optional : detail.writeOptional;
  const required = new Set(action.params.required ?? []);
  const properties = action.params.properties ?? {};
  const hidden = (p: string) => !!properties[p]?.deprecated || action.pagingParams.includes(p) || p === pageSize;
  const shown = action.keyOrder.filter((p) => required.has(p));
  const optional = action.keyOrder.filter((p) => !required.has(p) && !hidden(p));
  shown.push(...optional.slice(0, maxOptional));
  if (!shown.length && !optional.length) return "params?: {}";
  const fields = shown.map((p) => `${key(p)}${required.has(p) ? "" : "?"}: ${tsType(properties[p]!, detail.nested)}`);
  const more = optional.length - Math.min(optional.length, maxOptional);
  const rest = more ? `${fields.length ? " " : ""}/* +${more} */` : "";
  return `params${required.size ? "" : "?"}: { ${fields.join("; ")}${rest} }`;
}
