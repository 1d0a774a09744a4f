/** `connectors execute`: one action; results to stdout, progress and errors to stderr. */
import { once } from "node:events";
import { localCredentialStore } from "../../credentials/local.js";
import { connect, type Connector, type ExecuteOptions } from "../../runtime/connector.js";
import { parseFields } from "../../runtime/fields.js";
import { checkRecordFields } from "../../runtime/record-fields.js";
import { nextPageNote, sandboxNote, withNextSteps } from "../hints.js";
import { spendingCheck } from "../spending.js";
import { loadManifest } from "../manifests.js";
import { toCsv, toTable, type Format } from "../output.js";
import { readParams } from "../params.js";

interface Options {
  params?: string;
  param: string[];
  all?: boolean;
  limit?: number;
  cursor?: string;
  fields?: string;
  account: string;
  baseUrl?: string;
  sandbox?: boolean;
  budget?: number;
  allow?: string[];
  readOnly?: boolean;
  output: Format;
  estimate?: boolean;
  yes?: boolean;
}

export async function execute(name: string, entity: string, action: string, options: Options): Promise<void> {
  const manifest = await loadManifest(name);
  // The sandbox brings its own credentials.
  const credentials = options.sandbox ? undefined : localCredentialStore(manifest);
  const connector = connect(manifest, { account: options.account, baseUrl: options.baseUrl, sandbox: options.sandbox, credentials, allow: options.allow, readOnly: options.readOnly });
  try {
    await run(connector, entity, action, options);
  } catch (error) {
    throw withNextSteps(error, name, options.account);
  }
}

async function run(connector: Connector, entity: string, action: string, options: Options): Promise<void> {
  const params = readParams(options.params, options.param);
  const walking = options.all || options.limit !== undefined;
  if (options.estimate) return write(`${JSON.stringify(connector.estimate(entity, action, params, { all: options.all, limit: options.limit }), null, 2)}\n`);
  const beforeSpending = spendingCheck(options, { connector: connector.name, entity, action });
  const call: ExecuteOptions = { all: options.all, limit: options.limit, cursor: options.cursor, fields: options.fields, budget: options.budget, beforeSpending, onPage: progress(walking) };
  if (options.output === "ndjson" && walking && connector.plan(entity, action).pagination) return streamRecords(connector, entity, action, params, call);
  const result = await connector.execute(entity, action, params, call);
  endProgress(walking);
  warnUnknownFields(result.meta.unknown_fields);
  if (options.sandbox) note(sandboxNote(connector.plan(entity, action).readOnly));
  if (options.output !== "json") note(nextPageNote(result.meta));
  // One record (users.me, a create) is a one-row table or CSV; nothing (a delete) is no rows.
  const records = Array.isArray(result.data) ? result.data : result.data === null || result.data === undefined ? [] : [result.data];
  switch (options.output) {
    case "ndjson":
      for (const record of records) write(`${JSON.stringify(record)}\n`);
      break;
    case "table":
      write(toTable(records));
      break;
    case "csv":
      write(toCsv(records));
      break;
    default:
      write(`${JSON.stringify({ data: result.data, meta: result.meta }, null, 2)}\n`);
  }
}

/** How much output may wait in memory for a slow reader before the walk pauses for it. */
const MAX_WAITING_OUTPUT = 1024 * 1024;

/**
 * Records leave as each page arrives, so memory holds one page however long the list: when the reader falls behind
 * (a slow pipe), the walk waits for it instead of piling pages up in the output's buffer.
 */
async function streamRecords(connector: Connector, entity: string, action: string, params: Record<string, unknown>, call: ExecuteOptions): Promise<void> {
  const fields = parseFields(call.fields);
  const check = fields && checkRecordFields(connector.manifest, connector.plan(entity, action).spec, fields);
  if (check?.unknown.length) warnUnknownFields({ fields: check.unknown, valid: check.valid });
  for await (const record of connector.paginate(entity, action, params, call)) {
    process.stdout.write(`${JSON.stringify(record)}\n`);
    if (process.stdout.writableLength > MAX_WAITING_OUTPUT) await once(process.stdout, "drain");
  }
  endProgress(true);
}

/** Fields the records do not have would print as empty columns: say so, with the ones they do have. */
function warnUnknownFields(unknown: { fields: string[]; valid: string[] } | undefined): void {
  if (unknown) process.stderr.write(`warning: these records have no ${unknown.fields.join(", ")}; their fields: ${unknown.valid.join(", ")}\n`);
}

function note(text: string | undefined): void {
  if (text) process.stderr.write(`${text}\n`);
}

function write(text: string): void {
  process.stdout.write(text);
}

const started = Date.now();

/** A progress line on stderr while walking pages, only when a person is watching. */
function progress(walking: boolean | undefined): ExecuteOptions["onPage"] {
  if (!walking || !process.stderr.isTTY) return undefined;
  return ({ pages, records }) => process.stderr.write(`\rpages ${pages}, records ${records}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function endProgress(walking: boolean | undefined): void {
  if (walking && process.stderr.isTTY) process.stderr.write("\n");
}
