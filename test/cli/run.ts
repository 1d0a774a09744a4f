/** Runs the built `connectors` command as a child process, isolated from the developer's credentials and config. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(HARVEST|CONNECTORS_|LINKEDIN_|APIFY_|XDG_CONFIG_HOME$)/.test(k)));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh, empty config directory (vault and key file go there), removed after the test file. */
export function configDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "connectors-cli-"));
  made.push(dir);
  return dir;
}

// Unless a test says otherwise, an empty vault: a real one on this machine must never answer.
const emptyConfig = configDir();

/** The command as a child process with the clean environment, for tests that read its output as it comes; `nodeOptions` go before the script. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}, nodeOptions: string[] = []): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...nodeOptions, CLI, ...args], { env: { ...CLEAN_ENV, CONNECTORS_CONFIG_DIR: emptyConfig, ...env } });
}

/** Stdin is always closed (with `input` written first), so nothing waits for a person. */
export function run(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; nodeOptions?: string[] } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, options.env, options.nodeOptions);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** `connectors sandbox [args]` in a child process, and the variables it prints, as a user would `export` them. */
export async function withCliSandbox(use: (env: Record<string, string>, printed: string) => Promise<void>, args = ["--port", "0"]): Promise<void> {
  const server = spawnCli(["sandbox", ...args]);
  try {
    let printed = "";
    server.stderr.setEncoding("utf8");
    for await (const chunk of server.stderr) if ((printed += chunk).includes("Ctrl-C")) break;
    await use(Object.fromEntries([...printed.matchAll(/^export (\w+)=(\S+)$/gm)].map(([, name, value]) => [name!, value!])), printed);
  } finally {
    server.kill("SIGTERM");
    await once(server, "close");
  }
}
