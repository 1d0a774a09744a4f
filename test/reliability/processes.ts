/** `connectors serve` and `connectors mcp --transport http --database` as child processes, with all they print kept. */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { ADMIN_TOKEN } from "../server/harness.js";

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface Child {
  process: ChildProcess;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, and wait for it to exit. */
  stop(): Promise<void>;
  /** SIGKILL (kill -9), and wait for it to be gone. */
  kill9(): Promise<void>;
}

/** The environment both kinds of child share: the master key, the admin token, the upstream and no client pacing. */
export function childEnv(upstreamBaseUrl: string, masterKey = randomBytes(32).toString("base64")): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONNECTORS_MASTER_KEY: masterKey,
    CONNECTORS_ADMIN_TOKEN: ADMIN_TOKEN,
    CONNECTORS_HARVEST_BASE_URL: upstreamBaseUrl,
    CONNECTORS_RATE_LIMIT: "off",
    CONNECTORS_RATE_LIMIT_PER_MINUTE: "1000000",
  };
}

function startChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const handle = (url: string): Child => ({
      process: child,
      url,
      output: () => output,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exited;
      },
      kill9: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        await exited;
      },
    });
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = ready.exec(output)?.[1];
      if (url) resolve(handle(url));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`connectors ${args[0]} exited with ${code}: ${output}`)));
  });
}

export const startServe = (database: string, env: NodeJS.ProcessEnv, extra: string[] = []) =>
  startChild(["serve", "--port", "0", "--database", database, ...extra], env, /listening on (http:\/\/\S+)/);

export const startMcp = (database: string, env: NodeJS.ProcessEnv) =>
  startChild(["mcp", "harvest", "--transport", "http", "--port", "0", "--database", database], env, /on (http:\/\/\S+\/mcp)/);
