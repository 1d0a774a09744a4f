#!/usr/bin/env node
/**
 * Bootstraps a manifest's record schemas (`schemas:`) from an OpenAPI file, as YAML to curate by hand:
 *   node scripts/bootstrap-record-schemas.mjs <openapi.yaml|json> [--nullable examples|schema] > schemas.yaml
 * Every component schema that is not a list envelope becomes a record schema; `$ref`s become `$ref: Name`.
 * Required fields are those present in every response example of the record (or the file's own `required`
 * when it gives no examples). Nullable: with `examples` (for files that mark every field nullable, like Harvest's),
 * a field is nullable when some example sends null; with `schema`, when the file says `nullable: true`.
 * The output is a start, not the truth: curate names, shared nested objects and nullability against the API.
 */
import { readFileSync } from "node:fs";
import { Document, parse } from "yaml";

const [file, ...flags] = process.argv.slice(2);
if (!file) {
  console.error("usage: bootstrap-record-schemas.mjs <openapi.yaml|json> [--nullable examples|schema]");
  process.exit(2);
}
const nullableFrom = flags[flags.indexOf("--nullable") + 1] === "schema" ? "schema" : "examples";
const doc = parse(readFileSync(file, "utf8"));
const components = doc.components?.schemas ?? {};
const refName = (ref) => ref.split("/").pop();
const FORMATS = { date: "date", "date-time": "date-time", email: "email", uri: "uri", url: "uri" };

/** A list envelope (records plus paging) is not a record: its items are. */
function isEnvelope(schema) {
  const props = Object.entries(schema.properties ?? {});
  const hasList = props.some(([, p]) => p.type === "array" && p.items?.$ref);
  return hasList && props.some(([name]) => ["links", "pagination", "per_page"].includes(name));
}

/** Every example value seen for each component, found by walking response examples along their schemas. */
function collectExamples() {
  const seen = {};
  const walk = (schema, value) => {
    if (!schema || value === null || value === undefined) return;
    if (schema.$ref) {
      const name = refName(schema.$ref);
      (seen[name] ??= []).push(value);
      return walk(components[name], value);
    }
    if (schema.type === "array" && Array.isArray(value)) return value.forEach((item) => walk(schema.items, item));
    if (typeof value === "object") for (const [key, prop] of Object.entries(schema.properties ?? {})) walk(prop, value[key]);
  };
  for (const ops of Object.values(doc.paths ?? {}))
    for (const op of Object.values(ops))
      for (const response of Object.values(op?.responses ?? {})) {
        const content = response?.content?.["application/json"];
        if (content?.example !== undefined) walk(content.schema, content.example);
        for (const example of Object.values(content?.examples ?? {})) walk(content.schema, example?.value);
      }
  return seen;
}

const examples = collectExamples();

/** The first sentence of a description, short enough for one line. */
function shortDescription(text) {
  if (!text) return undefined;
  const first = text.replace(/\s+/g, " ").trim().split(/(?<=\.)\s/)[0];
  return first.length > 140 ? `${first.slice(0, 137)}...` : first;
}

function convert(schema, samples) {
  if (schema.$ref) return { $ref: refName(schema.$ref) };
  const out = {};
  const type = schema.type ?? (schema.properties ? "object" : undefined);
  const nullable = nullableFrom === "schema" ? schema.nullable === true : samples.some((value) => value === null);
  if (type) out.type = nullable ? [type, "null"] : type;
  if (FORMATS[schema.format]) out.format = FORMATS[schema.format];
  if (schema.enum) out.enum = schema.enum;
  const description = shortDescription(schema.description);
  if (description) out.description = description;
  if (type === "array" && schema.items) out.items = convert(schema.items, samples.flatMap((v) => (Array.isArray(v) ? v : [])));
  if (schema.properties) Object.assign(out, objectParts(schema, samples.filter((v) => v && typeof v === "object")));
  return out;
}

function objectParts(schema, samples) {
  const properties = {};
  for (const [name, prop] of Object.entries(schema.properties)) properties[name] = convert(prop, samples.map((v) => v[name]).filter((v) => v !== undefined));
  const required = samples.length ? Object.keys(properties).filter((name) => samples.every((v) => name in v)) : (schema.required ?? []);
  return required.length ? { required, properties } : { properties };
}

const records = {};
for (const [name, schema] of Object.entries(components)) if (schema.properties && !isEnvelope(schema)) records[name] = convert(schema, examples[name] ?? []);

const out = new Document({ schemas: records });
// One line per leaf field; nested objects and arrays of objects stay in block style.
const flowLeaves = (node) => {
  if (!node || typeof node !== "object" || !node.items) return;
  // A field without properties of its own (a scalar, a $ref, or an array of those) fits on one line.
  const flowable = (map) => !map.items.some((p) => p.key?.value === "properties" || (p.key?.value === "items" && !flowable(p.value)));
  const isLeaf = (pair) => pair.value?.items && flowable(pair.value);
  for (const pair of node.items) {
    if (pair.key?.value === "properties") for (const prop of pair.value.items) if (isLeaf(prop)) prop.value.flow = true;
    if (["required", "type"].includes(pair.key?.value) && pair.value?.items) pair.value.flow = true;
    flowLeaves(pair.value);
  }
};
flowLeaves(out.contents);
// The repository's style: { key: value } maps, [a, b] lists.
process.stdout.write(out.toString({ lineWidth: 0 }).replace(/\[ (.*?) \]/g, "[$1]"));
