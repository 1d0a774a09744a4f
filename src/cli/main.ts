#!/usr/bin/env node
/** The `connectors` command: a thin face over the runtime. Each command loads only what it needs. */
import { Command } from "commander";
import { packageVersion } from "../manifest/built.js";
import { endQuietlyOnClosedOutput, exitCodeFor, reportError } from "./exit.js";
import { amount, choiceOption, databaseUrl, positive, wholeNumber } from "./option-values.js";

endQuietlyOnClosedOutput();

/** Distinct, so the hosted API and an MCP server over HTTP run side by side with their defaults. */
const SERVE_PORT = 8080;
const MCP_HTTP_PORT = 8081;

const program = new Command("connectors")
  .description("Run API connectors declared in YAML manifests (Harvest, HarvestAPI, ...) from the command line.")
  .version(packageVersion(), "-V, --version", "print the version")
  .showHelpAfterError("(add --help for usage)")
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  .addHelpText(
    "after",
    `
Start here:
  connectors execute harvest time_entries list --sandbox --limit 5 --output table
      try it against the built-in sandbox, no account needed
  connectors describe harvest
      its entities and actions, and the credentials it takes
  connectors credentials set harvest
      store your token, encrypted (or set the environment variables describe names)
  connectors execute harvest time_entries list -p from=2026-06-01 --all --output table
      your time entries since June 1
  connectors run harvest --sandbox --eval 'return (await harvest.users.me()).data.email'
      a script against the API (code mode): only its answer comes back

Exit codes: 0 ok, 1 other, 2 auth, 3 not found, 4 validation or out of scope, 5 rate limited or out of credits, 6 a script's limit.`,
  );

program
  .command("list")
  .description("list the connectors with their entity and action counts")
  .option("--json", "machine-readable output")
  .action(async (options) => (await import("./commands/list.js")).list(options));

program
  .command("describe")
  .description("show a connector's entities, actions and params")
  .argument("<connector>", "connector name, e.g. harvest")
  .argument("[entity]", "one entity")
  .argument("[action]", "one action of that entity")
  .option("--json", "machine-readable output (params as JSON Schema)")
  .action(async (connector, entity, action, options) => (await import("./commands/describe.js")).describe(connector, entity, action, options));

program
  .command("execute")
  .alias("exec")
  .description("run one action, e.g. connectors execute harvest time_entries list -p from=2026-06-01")
  .argument("<connector>", "connector name")
  .argument("<entity>", "entity, e.g. time_entries")
  .argument("<action>", "action, e.g. list")
  .option("--params <json>", "params as JSON, or @file.json")
  .option("-p, --param <key=value>", "one param (repeatable); values are coerced by the action's schema", collect, [])
  .option("--all", "fetch every page")
  .option("--limit <n>", "stop after n records (walks pages as needed)", wholeNumber(1))
  .option("--cursor <cursor>", "go on after an earlier result's last record (its meta.cursor)")
  .option("--fields <a,b>", "keep only these fields of each record")
  .option("--account <name>", "named account for credentials", "default")
  .option("--base-url <url>", "send requests to this base URL instead of the API's")
  .option("--sandbox", "run against the embedded sandbox (no account needed)")
  .option("--budget <usd>", "refuse, before sending, a call whose estimated cost is over this amount", amount)
  .option("--allow <patterns...>", "refuse actions outside these entity.action patterns (e.g. 'time_entries.*')")
  .option("--read-only", "refuse actions that are not read-only")
  .option("--estimate", "print what the call would cost (JSON) and send nothing")
  .option("-y, --yes", "send a paid call without asking, whatever its estimate (else one over CONNECTORS_CONFIRM_ABOVE, default 0.10, asks)")
  .addOption(choiceOption("--output <format>", "output format", ["json", "ndjson", "table", "csv"]).default("json"))
  .action(async (connector, entity, action, options) => (await import("./commands/execute.js")).execute(connector, entity, action, options));

program
  .command("run")
  .description("run a JavaScript program against connectors (code mode): its answer as JSON on stdout, its console on stderr")
  .argument("<connector...>", "connector names, then the script file (or - for stdin) unless --eval gives it")
  .option("--eval <code>", "the script itself: the body of an async function, e.g. 'return (await harvest.users.me()).data'")
  .option("--account <name>", "named account for credentials (scripts reach others with <connector>.account(name))", "default")
  .option("--sandbox", "run against the embedded sandbox (no account needed)")
  .option("--timeout <s>", "stop the script after this many seconds (default 30)", positive)
  .option("--max-calls <n>", "calls the script may make (default 1000)", wholeNumber(1))
  .option("--max-memory <mb>", "memory the script may use, in MB (default 64)", wholeNumber(1))
  .option("--budget <usd>", "money all the script's calls together may spend; a call that would pass it is refused", amount)
  .option("--read-only", "refuse actions that are not read-only")
  .action(async (args, options) => (await import("./commands/run.js")).run(args, options));

program
  .command("sandbox")
  .description("serve the sandboxes on loopback and print how to point the CLI and library at them")
  .option("--port <n>", "port (default 4010)", wholeNumber(0, 65535), 4010)
  .option("--host <host>", "host", "127.0.0.1")
  .action(async (options) => (await import("./commands/sandbox.js")).sandbox(options));

program
  .command("mcp")
  .description("serve connectors to MCP clients: one tool per connector, over stdio (default) or Streamable HTTP")
  .argument("<connector...>", "connector names, e.g. harvest harvestapi")
  .addOption(choiceOption("--transport <transport>", "stdio for a local client, http for remote ones", ["stdio", "http"]).default("stdio"))
  .option("--port <n>", "HTTP port; 0 for a free one", wholeNumber(0, 65535), MCP_HTTP_PORT)
  .option("--host <host>", "HTTP host", "127.0.0.1")
  .option("--tokens <file>", "HTTP: JSON file (chmod 600) mapping each bearer token to its user's credentials")
  .option("--database <url>", "HTTP: the hosted API's store (sqlite:PATH or postgres://...); its MCP tokens name users' connected accounts (needs CONNECTORS_MASTER_KEY)", databaseUrl)
  .option("--read-only", "serve only read-only actions")
  .option("--split", "two tools per connector, <name>_read and <name>_write, so a client can approve reads alone")
  .option("--code", "also serve <name>_run: code mode, a JavaScript program against the connector that returns only its answer")
  .option("--sandbox", "run every call against the embedded sandbox (no account needed)")
  .action(async (connectors, options) => (await import("./commands/mcp.js")).mcp(connectors, options));

program
  .command("serve")
  .description("serve the hosted execute API: workspaces, encrypted connected accounts, scopes and an audit trail (needs CONNECTORS_MASTER_KEY)")
  .option("--port <n>", "port; 0 for a free one", wholeNumber(0, 65535), SERVE_PORT)
  .option("--host <host>", "host", "127.0.0.1")
  .option("--database <url>", "sqlite:PATH or postgres://... (default sqlite:connectors.db)", databaseUrl)
  .option("--public-url <url>", "where browsers reach this server, for the OAuth callback (env CONNECTORS_PUBLIC_URL)")
  .option("--audit-retention-days <n>", "delete audit rows older than this (default 90; env CONNECTORS_AUDIT_RETENTION_DAYS)", positive)
  .option("--execute-timeout <seconds>", "longest one execute may take, retries included; then its upstream call is cancelled (default 60; env CONNECTORS_EXECUTE_TIMEOUT)", positive)
  .option("--connectors-dir <dir>", "also serve your own connectors: <dir>/<name>/connector.yaml (one of a bundled connector's name replaces it)")
  .action(async (options) => (await import("./commands/serve.js")).serve(options));

program
  .command("admin")
  .description("operate the hosted execute API's store")
  .command("rotate-key")
  .description("reseal every stored credential from CONNECTORS_MASTER_KEY to CONNECTORS_NEW_MASTER_KEY (servers stopped)")
  .option("--database <url>", "sqlite:PATH or postgres://... (default sqlite:connectors.db)", databaseUrl)
  .action(async (options) => (await import("./commands/admin.js")).rotateKey(options));

program
  .command("validate")
  .description("check a manifest; prints each problem as file:line:column: message (at yaml.path)")
  .argument("<file>", "a connector.yaml, or its folder")
  .action(async (file) => (await import("./commands/validate.js")).validate(file));

const credentials = program
  .command("credentials")
  .description("keep credentials in an encrypted local vault (environment variables still win)");

credentials
  .command("set")
  .description("store one account's credentials: prompted without echo, or one value per line on stdin")
  .argument("<connector>", "connector name")
  .option("--account <name>", "named account", "default")
  .option("--variant <name>", "auth variant (default: the connector's first; see connectors describe <connector>)")
  .action(async (connector, options) => (await import("./commands/credentials.js")).setCredentials(connector, options));

credentials
  .command("list")
  .description("show stored connectors, accounts, variants and field names (never values)")
  .argument("[connector]", "only this connector")
  .option("--json", "machine-readable output")
  .action(async (connector, options) => (await import("./commands/credentials.js")).listCredentials(connector, options));

credentials
  .command("remove")
  .alias("rm")
  .description("delete one account's stored credentials")
  .argument("<connector>", "connector name")
  .option("--account <name>", "named account", "default")
  .action(async (connector, options) => (await import("./commands/credentials.js")).removeCredentials(connector, options));

program
  .command("codegen")
  .description("regenerate typed params (src/generated) and references (connectors/<name>/REFERENCE.md) from the manifests")
  .option("--check", "only report out-of-date files (exit 1 when any)")
  .option("--connectors <dir>", "connectors directory (default: the bundled one)")
  .option("--types <dir>", "where the TypeScript goes (default: src/generated beside the connectors)")
  .action(async (options) => (await import("./commands/codegen.js")).codegen(options));

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

program.parseAsync(process.argv).catch((error: unknown) => {
  reportError(error);
  process.exitCode = exitCodeFor(error);
});
