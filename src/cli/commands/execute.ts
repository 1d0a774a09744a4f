/** `connectors execute`: one action; results to stdout, progress and errors to stderr. */
import { localCredentialStore } from "../../credentials/local.js";
import { connect, type Connector, type ExecuteOptions } from "../../runtime/connector.js";
import { withNextSteps } from "../hints.js";
import { loadManifest } from "../manifests.js";
import { pickFields, toCsv, toTable, type Format } from "../output.js";
import { readParams } from "../params.js";

interface Options {
  params?: string;
  param: string[];
  all?: boolean;
  limit?: number;
  fields?: string;
  account: string;
  baseUrl?: string;
  sandbox?: boolean;
  budget?: number;
  output: Format;
}

export async function execute(name: string, entity: string, action: string, options: Options): Promise<void> {
  const manifest = await loadManifest(name);
  // The sandbox brings its own credentials.
  const credentials = options.sandbox ? undefined : localCredentialStore(manifest);
  const connector = connect(manifest, { account: options.account, baseUrl: options.baseUrl, sandbox: options.sandbox, credentials });
  try {
    await run(connector, entity, action, options);
  } catch (error) {
    throw withNextSteps(error, name, options.account);
  }
}

async function run(connector: Connector, entity: string, action: string, options: Options): Promise<void> {
  const params = readParams(options.params, options.param);
  const fields = options.fields?.split(",").map((f) => f.trim()).filter(Boolean);
  const walking = options.all || options.limit !== undefined;
  if (options.output === "ndjson" && walking && connector.plan(entity, action).pagination)
    return streamRecords(connector, entity, action, params, options, fields);
  const result = await connector.execute(entity, action, params, { all: options.all, limit: options.limit, budget: options.budget, onPage: progress(walking) });
  endProgress(walking);
  const records = Array.isArray(result.data) ? result.data.map((r) => pickFields(r, fields)) : undefined;
  const data = records ?? pickFields(result.data, fields);
  switch (options.output) {
    case "ndjson":
      for (const record of records ?? [data]) write(`${JSON.stringify(record)}\n`);
      break;
    case "table":
      write(records ? toTable(records) : `${JSON.stringify(data, null, 2)}\n`);
      break;
    case "csv":
      write(toCsv(records ?? [data]));
      break;
    default:
      write(`${JSON.stringify({ data, meta: result.meta }, null, 2)}\n`);
  }
}

/** Records leave as each page arrives, so memory holds one page however long the list. */
async function streamRecords(connector: Connector, entity: string, action: string, params: Record<string, unknown>, options: Options, fields?: string[]) {
  const limit = options.limit ?? Infinity;
  const report = progress(true)!;
  let count = 0;
  let pages = 0;
  for await (const page of connector.pages(entity, action, params, { budget: options.budget, limit: options.limit })) {
    pages++;
    for (const record of page.records) {
      if (count >= limit) break;
      write(`${JSON.stringify(pickFields(record, fields))}\n`);
      count++;
    }
    report({ pages, records: count });
    if (count >= limit) break;
  }
  endProgress(true);
}

function write(text: string): void {
  process.stdout.write(text);
}

const started = Date.now();

/** A progress line on stderr while walking pages, only when a person is watching. */
function progress(walking: boolean): ExecuteOptions["onPage"] {
  if (!walking || !process.stderr.isTTY) return () => {};
  return ({ pages, records }) => process.stderr.write(`\rpages ${pages}, records ${records}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function endProgress(walking: boolean): void {
  if (walking && process.stderr.isTTY) process.stderr.write("\n");
}
