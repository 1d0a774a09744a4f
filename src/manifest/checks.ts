/** Cross-reference checks the meta-schema cannot express: names that must point at something declared. */
import { createAjv } from "./ajv.js";
import { checkRecordSchemas } from "./check-records.js";
import { actionAnnotations } from "./annotations.js";
import { own, ownAction } from "./own.js";
import { paramsSchema, pathPlaceholders, resolveParams } from "./resolve.js";
import { templateFields } from "./template.js";
import type { Action, ApplyTemplates, AuthVariant, Manifest, PaginationStrategy } from "./types.js";

export interface Finding {
  path: (string | number)[];
  /** When set, the finding is about this key of the map at `path`. */
  key?: string;
  message: string;
}

function templatesOf(apply: ApplyTemplates | undefined): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const where of ["headers", "query", "cookies"] as const)
    for (const [name, template] of Object.entries(apply?.[where] ?? {})) out.push([where, name, template]);
  return out;
}

/** Fields a variant's templates may use: its own, plus the access token an OAuth variant obtains. */
function variantFieldNames(variant: AuthVariant): Set<string> {
  const names = new Set(Object.keys(variant.fields));
  if (variant.type === "oauth2_refresh") names.add("access_token");
  return names;
}

export function checkManifest(manifest: Manifest): Finding[] {
  const findings: Finding[] = [];
  const allFields = new Set<string>();
  for (const [name, variant] of Object.entries(manifest.auth)) {
    checkVariant(name, variant, findings);
    checkDiscovery(manifest, name, variant, findings);
    for (const field of variantFieldNames(variant)) allFields.add(field);
  }
  for (const [group, params] of Object.entries(manifest.param_groups ?? {}))
    for (const [name, spec] of Object.entries(params))
      if (spec.in === "path") findings.push({ path: ["param_groups", group, name, "in"], message: "a param group cannot hold path params" });
  for (const [entityName, entity] of Object.entries(manifest.entities))
    for (const [actionName, action] of Object.entries(entity.actions))
      checkAction(manifest, action, ["entities", entityName, "actions", actionName], allFields, findings);
  checkErrorRules(manifest, allFields, findings);
  findings.push(...checkRecordSchemas(manifest));
  const balance = manifest.costs?.balance;
  if (balance && !ownAction(manifest, balance.entity, balance.action))
    findings.push({ path: ["costs", "balance"], message: `no action ${balance.entity}.${balance.action} to read the balance with` });
  checkConnectionTest(manifest, findings);
  return findings;
}

/** The test call exists, changes nothing and needs no params: it runs on credentials nobody has used yet. */
function checkConnectionTest(manifest: Manifest, findings: Finding[]): void {
  const test = manifest.connection_test;
  if (!test) return;
  const [entity, actionName] = test.action.split(".") as [string, string];
  const action = ownAction(manifest, entity, actionName);
  const at = ["connection_test", "action"];
  if (!action) return void findings.push({ path: at, message: `unknown action "${test.action}"` });
  if (!actionAnnotations(action).read_only) findings.push({ path: at, message: `${test.action} is not read-only; a connection test must change nothing` });
  const required = Object.entries(resolveParams(manifest, action)).filter(([, spec]) => spec.required === true);
  if (required.length) findings.push({ path: at, message: `${test.action} needs params (${required.map(([name]) => name).join(", ")}); a connection test sends none` });
}

function checkErrorRules(manifest: Manifest, allFields: Set<string>, findings: Finding[]): void {
  (manifest.errors?.rules ?? []).forEach((rule, i) => {
    const at = ["errors", "rules", i];
    if (rule.message_matches !== undefined) {
      try {
        new RegExp(rule.message_matches, "i");
      } catch (error) {
        findings.push({ path: [...at, "message_matches"], message: `not a valid regular expression: ${(error as Error).message}` });
      }
    }
    for (const field of rule.credentials ?? [])
      if (!allFields.has(field)) findings.push({ path: [...at, "credentials"], message: `unknown credential field "${field}"` });
  });
}

/** The request params a strategy sets on later pages, and the page size it may set. */
function pagingParams(strategy: PaginationStrategy): string[] {
  if (strategy.type === "none") return [];
  const own = strategy.type === "link" ? [] : strategy.type === "page_number" ? [strategy.param, strategy.token_param] : [strategy.param];
  return [...own, strategy.size_param].filter((name): name is string => !!name);
}

function checkVariant(name: string, variant: AuthVariant, findings: Finding[]): void {
  const at = ["auth", name];
  if (variant.type === "oauth2_refresh") {
    if (!variant.token_url) findings.push({ path: at, message: "an oauth2_refresh variant needs token_url" });
    for (const field of ["client_id", "client_secret", "refresh_token"])
      if (!variant.fields[field]) findings.push({ path: [...at, "fields"], message: `an oauth2_refresh variant needs the field "${field}"` });
  }
  checkTemplates(variant.apply, variantFieldNames(variant), [...at, "apply"], findings);
}

/** The discovery action exists and the field it fills is one of the variant's. */
function checkDiscovery(manifest: Manifest, name: string, variant: AuthVariant, findings: Finding[]): void {
  const discovery = variant.account_discovery;
  if (!discovery) return;
  const at = ["auth", name, "account_discovery"];
  if (variant.type !== "oauth2_refresh") findings.push({ path: at, message: "account_discovery belongs to an oauth2_refresh variant" });
  const [entity, action] = discovery.action.split(".") as [string, string];
  const spec = ownAction(manifest, entity, action);
  if (!spec) findings.push({ path: [...at, "action"], message: `unknown action "${discovery.action}"` });
  else if (!spec.records) findings.push({ path: [...at, "action"], message: `${discovery.action} returns no list of records to choose from` });
  if (!Object.hasOwn(variant.fields, discovery.field)) findings.push({ path: [...at, "field"], message: `"${discovery.field}" is not a field of this variant` });
}

function checkTemplates(apply: ApplyTemplates | undefined, fields: Set<string>, at: string[], findings: Finding[]): void {
  for (const [where, name, template] of templatesOf(apply))
    for (const field of templateFields(template))
      if (!fields.has(field)) findings.push({ path: [...at, where, name], message: `template uses "{{${field}}}", which no credential field declares` });
}

function checkAction(manifest: Manifest, action: Action, at: string[], allFields: Set<string>, findings: Finding[]): void {
  const add = (path: (string | number)[], message: string, key?: string) => findings.push({ path: [...at, ...path], message, key });
  for (const group of action.use ?? [])
    if (!own(manifest.param_groups, group)) add(["use"], `unknown param group "${group}"; declared: ${names(manifest.param_groups)}`);
  if (action.pagination && action.pagination !== "none" && !own(manifest.pagination, action.pagination))
    add(["pagination"], `unknown pagination strategy "${action.pagination}"; declared: ${names(manifest.pagination)}, or none`);
  if (action.pagination && action.pagination !== "none" && !action.records) add([], "a paginated action needs `records` (the path to the list in the response)");
  const strategy = action.pagination ? own(manifest.pagination, action.pagination) : undefined;
  if (action.rate_limit && !own(manifest.rate_limits, action.rate_limit))
    add(["rate_limit"], `unknown rate-limit group "${action.rate_limit}"; declared: ${names(manifest.rate_limits)}`);
  if (action.host && !own(manifest.hosts, action.host)) add(["host"], `unknown host "${action.host}"; declared: ${names(manifest.hosts)}`);
  for (const list of ["optional", "require"] as const)
    for (const field of action.auth?.[list] ?? [])
      if (!allFields.has(field)) add(["auth", list], `unknown credential field "${field}"`);
  checkTemplates(action.auth?.apply, allFields, [...at, "auth", "apply"], findings);

  const params = resolveParams(manifest, action);
  checkCost(manifest, action, params, add);
  // A page parameter the action does not declare would never be sent: the walk would ask for page 1 forever.
  for (const name of strategy ? pagingParams(strategy) : [])
    if (!own(params, name)) add(["pagination"], `strategy "${action.pagination}" pages with "${name}", which this action does not declare`);
  const placeholders = pathPlaceholders(action.path);
  for (const name of placeholders)
    if (own(params, name)?.in !== "path") add(["path"], `path names {${name}}, but no path param "${name}" is declared`);
  for (const [name, spec] of Object.entries(params))
    if (spec.in === "path" && !placeholders.includes(name)) add(["params", name], `path param "${name}" does not appear in path ${action.path}`);
  checkExample(action, paramsSchema(params), at, findings);
}

function checkCost(manifest: Manifest, action: Action, params: Record<string, unknown>, add: (path: (string | number)[], message: string) => void): void {
  const cost = action.cost;
  if (!cost) return;
  if (!manifest.costs) add(["cost"], "an action with a cost needs the top-level `costs` (currency, response_path)");
  cost.when?.forEach((w, i) => {
    if (!(w.param in params)) add(["cost", "when", i, "param"], `unknown param "${w.param}"`);
  });
  if (cost.per === "item" && !(cost.items_param && cost.items_param in params)) add(["cost", "items_param"], "per: item needs items_param naming an array param");
}

const exampleAjv = createAjv();

function checkExample(action: Action, schema: object, at: string[], findings: Finding[]): void {
  let validate;
  try {
    validate = exampleAjv.compile(schema);
  } catch (error) {
    findings.push({ path: [...at, "params"], message: `params do not form a valid JSON Schema: ${(error as Error).message}` });
    return;
  }
  if (!validate(action.example.params))
    for (const e of validate.errors ?? [])
      findings.push({
        path: [...at, "example", "params", ...e.instancePath.split("/").filter(Boolean)],
        message: `example does not validate: ${e.message}${e.params && "additionalProperty" in e.params ? ` "${e.params.additionalProperty}"` : ""}`,
      });
}

function names(map: Record<string, unknown> | undefined): string {
  const keys = Object.keys(map ?? {});
  return keys.length ? keys.join(", ") : "(none)";
}
