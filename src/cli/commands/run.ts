/** `connectors run`: a script against one or more connectors in code mode; its answer as JSON on stdout, its console on stderr. */
import { readFileSync } from "node:fs";
import { localCredentialStore } from "../../credentials/local.js";
import { ScriptError, ValidationError } from "../../errors.js";
import { runScript } from "../../runtime/code/run.js";
import type { LogEntry } from "../../runtime/code/types.js";
import { connect } from "../../runtime/connector.js";
import { withNextSteps } from "../hints.js";
import { loadManifest } from "../manifests.js";

interface Options {
  eval?: string;
  account: string;
  sandbox?: boolean;
  timeout?: number;
  maxCalls?: number;
  maxMemory?: number;
  budget?: number;
  readOnly?: boolean;
}

/** The same option as each runtime limit, under the CLI's name: what a limit's error tells a terminal user to change. */
const FLAGS: Record<string, string> = { timeout: "--timeout SECONDS", maxCalls: "--max-calls N", maxMemoryMb: "--max-memory MB", budget: "--budget USD" };

export async function run(args: string[], options: Options): Promise<void> {
  const { names, code } = await script(args, options.eval);
  const manifests = await Promise.all(names.map(loadManifest));
  const connectors = manifests.map((manifest) =>
    // The sandbox brings its own credentials.
    connect(manifest, { account: options.account, sandbox: options.sandbox, credentials: options.sandbox ? undefined : localCredentialStore(manifest), readOnly: options.readOnly }),
  );
  const report = await runScript(connectors, code, {
    timeout: options.timeout === undefined ? undefined : Math.round(options.timeout * 1000),
    maxCalls: options.maxCalls,
    maxMemoryMb: options.maxMemory,
    budget: options.budget,
    onLog: writeLog,
  });
  if (report.error) {
    const { error, line } = report;
    if (line !== undefined && !(error instanceof ScriptError)) error.message += ` (at line ${line} of the script)`;
    error.message = error.message.replace(/\(option (\w+)[^)]*\)/, (text, option: string) => (FLAGS[option] ? `(${FLAGS[option]})` : text));
    throw withNextSteps(error, names[0]!, options.account);
  }
  process.stdout.write(`${JSON.stringify(report.result ?? null, null, 2)}\n`);
  if (process.stderr.isTTY) process.stderr.write(`${report.calls} calls, cost ${report.cost}, ${(report.duration_ms / 1000).toFixed(1)} s\n`);
}

/**
 * Connector names, then the script: --eval's text, else the last argument when it is a file (a path, or - for
 * stdin). Connector names are plain words; anything with a dot or a slash is a file.
 */
async function script(args: string[], evaluated: string | undefined): Promise<{ names: string[]; code: string }> {
  const last = args.at(-1)!;
  const file = evaluated === undefined && (last === "-" || /[./\\]/.test(last)) ? last : undefined;
  const names = file === undefined ? args : args.slice(0, -1);
  if (!names.length) throw new ValidationError("connectors run needs a connector name before the script, e.g. connectors run harvest report.js");
  if (evaluated !== undefined) return { names, code: evaluated };
  if (file === undefined) throw new ValidationError("connectors run needs a script: a file (connectors run harvest report.js), - for stdin, or --eval CODE");
  return { names, code: file === "-" ? await readStdin() : readScript(file) };
}

function readScript(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new ValidationError(`cannot read the script ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin.setEncoding("utf8")) text += chunk;
  return text;
}

function writeLog({ level, message }: LogEntry): void {
  process.stderr.write(`${level === "log" ? "" : `${level}: `}${message}\n`);
}
