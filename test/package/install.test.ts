/**
 * The package as a user gets it: `npm pack`, the tarball installed with `npm install` into an empty directory, then
 * the installed `connectors` command, an MCP client started as the README's configurations say, and the README's
 * library examples (the JavaScript one run, the TypeScript one compiled strictly, with no @types/node of its own).
 * The slowest test: about 15 s of `npm install` (from npm's cache when it can) and 15 s of `tsc`.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readmeBlock } from "./readme.js";

const exec = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const INSTALL_TIMEOUT = 300_000;

let dir: string;
let bin: string;
/** The environment of a user who installed the package: its bin directory on PATH, no connector variables. */
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "connectors-install-"));
  bin = join(dir, "node_modules", ".bin");
  env = { ...getDefaultEnvironment(), PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`, CONNECTORS_CONFIG_DIR: join(dir, "config") };
  // npm test has just built dist/, so the pack skips `prepare` (a second build).
  await exec("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: root });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "a-consumer", private: true, type: "module" })}\n`);
  await exec("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./agent-connectors-${version}.tgz`], { cwd: dir });
}, INSTALL_TIMEOUT);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("agent-connectors installed from its tarball into an empty directory", () => {
  it("gives the connectors command, with FastMCP patched by its postinstall and no database driver built", async () => {
    expect((await exec("connectors", ["--version"], { cwd: dir, env })).stdout).toBe(`${version}\n`);
    const patches = await exec(process.execPath, ["node_modules/agent-connectors/scripts/patch-dependencies.mjs", "--check"], { cwd: dir });
    expect(patches.stderr).toMatch(/fastmcp-[\d.]+-no-idle-delay\.patch: already applied/);
    for (const driver of ["better-sqlite3", "pg"]) expect(existsSync(join(dir, "node_modules", driver))).toBe(false);
  });

  it("serves MCP to the official SDK client started as the README's Claude Desktop configuration says, on the sandbox", async () => {
    const config = JSON.parse(readmeBlock("### Claude Desktop", "json")) as { mcpServers: { harvest: { command: string; args: string[] } } };
    const { command, args } = config.mcpServers.harvest;
    expect(command).toBe("connectors");
    // "Put "--sandbox" after "harvest" and leave out env to try it."
    const transport = new StdioClientTransport({ command, args: [...args, "--sandbox"], env, cwd: dir, stderr: "pipe" });
    const client = new Client({ name: "install-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["harvest_execute", "harvest_describe"]);
      const result = await client.callTool({ name: "harvest_execute", arguments: { entity: "users", action: "me" } });
      expect(result.isError).toBeFalsy();
      expect(JSON.stringify(result.content)).toContain("Alex");
    } finally {
      await client.close();
    }
  });

  it("runs the README's code-mode example with the installed command: the script on its worker thread, the answer on stdout", async () => {
    const block = readmeBlock("**From the CLI**, against the built-in sandbox", "sh");
    const script = /--eval '([^']+)'/.exec(block)![1]!;
    const { stdout, stderr } = await exec("connectors", ["run", "harvest", "--sandbox", "--eval", script], { cwd: dir, env });
    expect(JSON.parse(stdout)).toMatchObject({ "Northwind Traders": expect.any(Number) });
    expect(stderr).toMatch(/entries: \d+/);
  });

  it("runs the README's JavaScript example as try.mjs", async () => {
    writeFileSync(join(dir, "try.mjs"), readmeBlock("save this as `try.mjs`", "js"));
    const { stdout } = await exec(process.execPath, ["try.mjs"], { cwd: dir, env });
    expect(stdout).toMatch(/^\d+ entries; \d+ pages\n/);
  });

  it(
    "compiles the README's TypeScript example and a consumer of the whole API, strictly and with no @types/node of their own, and runs the example",
    async () => {
      writeFileSync(join(dir, "typed.ts"), readmeBlock("In TypeScript", "ts"));
      writeFileSync(join(dir, "consumer.ts"), readFileSync(join(root, "test/fixtures/consumer/consumer.ts")));
      const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, types: [], outDir: "." };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["typed.ts", "consumer.ts"] }));
      await exec(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: dir });
      const { stdout } = await exec(process.execPath, ["typed.js"], { cwd: dir, env });
      expect(stdout).toMatch(/^\d+(\.\d+)? hours; first: \S/);
    },
    INSTALL_TIMEOUT,
  );

  it("says which package to install when connectors serve needs a database driver it does not have", async () => {
    const serve = exec("connectors", ["serve", "--port", "0"], { cwd: dir, env: { ...env, CONNECTORS_MASTER_KEY: Buffer.alloc(32, 3).toString("base64") } });
    const error = (await serve.catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stderr).toBe(
      "error: a SQLite store needs the better-sqlite3 package, which is not installed: run npm install better-sqlite3 where agent-connectors is installed (npm install -g better-sqlite3 beside a global install)\n",
    );
  });
});
