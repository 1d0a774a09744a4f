/** The CLI under pipes and bad flags: --version, a reader that stops early, flag values refused by name, real ports. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, configDir, run } from "./run.js";

const version = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;

/** `connectors <args> | head -1` in bash: the command's exit code and stderr, and the line head printed. */
async function intoHead(args: string[]): Promise<{ code: number; line: string; stderr: string }> {
  const script = '"$@" | head -1; exit "${PIPESTATUS[0]}"';
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("bash", ["-c", script, "bash", process.execPath, CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.on("error", reject).on("close", (status) => resolve({ code: status ?? 1, stdout: out, stderr: err }));
  });
  return { code, line: stdout, stderr };
}

describe.concurrent("connectors under pipes and bad flags", () => {
  it("prints its version", async () => {
    for (const flag of ["--version", "-V"]) expect(await run([flag])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each([
    ["json", ["describe", "harvest", "--json"]],
    ["ndjson", ["execute", "harvest", "time_entries", "list", "--sandbox", "--limit", "3000", "--output", "ndjson"]],
    ["csv", ["execute", "harvest", "time_entries", "list", "--sandbox", "--limit", "3000", "--output", "csv"]],
    ["table", ["execute", "harvest", "time_entries", "list", "--sandbox", "--limit", "3000", "--output", "table"]],
  ])("ends quietly with exit 0 when the reader closes the pipe early: connectors ... --output %s | head -1", async (_format, args) => {
    const { code, line, stderr } = await intoHead(args);
    expect(line).toMatch(/^\S.*\n$/);
    // At most the note on how to go on; no EPIPE, no stack trace.
    expect(stderr).toMatch(/^(more records: add --cursor \S+ to go on after the last one \(or --all for every page\)\n)?$/);
    expect(code).toBe(0);
  });

  it.each([
    [["execute", "harvest", "users", "me", "--sandbox", "--output", "xml"], "--output <format>", "one of json, ndjson, table, csv", "xml"],
    [["mcp", "harvest", "--transport", "websocket"], "--transport <transport>", "one of stdio, http", "websocket"],
    [["execute", "harvest", "time_entries", "list", "--sandbox", "--limit", "0"], "--limit <n>", "a whole number from 1 on", "0"],
    [["execute", "harvestapi", "profiles", "lead_search", "--sandbox", "--budget", "-1"], "--budget <usd>", "an amount of money, 0 or more", "-1"],
    [["serve", "--port", "70000"], "--port <n>", "a whole number from 0 to 65535", "70000"],
    [["mcp", "harvest", "--transport", "http", "--port", "http"], "--port <n>", "a whole number from 0 to 65535", "http"],
    [["serve", "--database", "mysql://x"], "--database <url>", "sqlite:PATH (or a file path) or postgres://USER@HOST/DB", "mysql://x"],
    [["admin", "rotate-key", "--database", "mongodb://x"], "--database <url>", "sqlite:PATH (or a file path) or postgres://USER@HOST/DB", "mongodb://x"],
    [["serve", "--audit-retention-days", "0"], "--audit-retention-days <n>", "a positive number", "0"],
    [["sandbox", "--port", "-1"], "--port <n>", "a whole number from 0 to 65535", "-1"],
    [["run", "harvest", "--eval", "return 1", "--timeout", "soon"], "--timeout <s>", "a positive number", "soon"],
    [["run", "harvest", "--eval", "return 1", "--max-calls", "2.5"], "--max-calls <n>", "a whole number from 1 on", "2.5"],
    [["run", "harvest", "--eval", "return 1", "--max-memory", "0"], "--max-memory <mb>", "a whole number from 1 on", "0"],
    [["run", "harvest", "--eval", "return 1", "--budget", "lots"], "--budget <usd>", "an amount of money, 0 or more", "lots"],
  ])("refuses %j with exit 4, naming the flag and what it takes, without the whole help", async (args, flag, takes, given) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(4);
    expect(stdout).toBe("");
    expect(stderr).toContain(`option '${flag}' argument '${given}' is invalid. It takes ${takes}`);
    expect(stderr).not.toContain("Usage:");
    expect(stderr.trim().split("\n")).toHaveLength(2);
  });

  it("prints one record as a one-row table or CSV", async () => {
    const fields = ["--fields", "id,first_name,last_name"];
    const table = await run(["execute", "harvest", "users", "me", "--sandbox", "--output", "table", ...fields]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")).toEqual([expect.stringMatching(/^id\s+first_name\s+last_name$/), expect.stringMatching(/^-+\s+-+\s+-+$/), expect.stringMatching(/^\d+\s+Alex\s+Morgan$/), ""]);
    const csv = await run(["execute", "harvest", "users", "me", "--sandbox", "--output", "csv", ...fields]);
    expect(csv.stdout).toMatch(/^id,first_name,last_name\n\d+,Alex,Morgan\n$/);
  });

  it("says how to go on when a table leaves records out, and that a --sandbox change does not last", async () => {
    const page = ["execute", "harvest", "clients", "list", "--sandbox", "-p", "per_page=2", "--output", "table", "--fields", "id,name"];
    const first = await run(page);
    const cursor = /^more records: add --cursor (\S+) to go on after the last one \(or --all for every page\)$/m.exec(first.stderr)?.[1];
    expect(cursor).toBeDefined();
    const next = await run([...page, "--cursor", cursor!]);
    const ids = (out: string) => out.split("\n").slice(2, -1).map((line) => line.split(" ")[0]);
    expect(ids(next.stdout)).toHaveLength(2);
    expect(ids(next.stdout)).not.toContain(ids(first.stdout)[0]);
    expect(first.stderr).not.toContain("--sandbox starts");

    const created = await run(["execute", "harvest", "clients", "create", "--sandbox", "-p", "name=Acme"]);
    expect(created.code).toBe(0);
    expect(created.stderr).toContain("note: --sandbox starts from the seeded data on every call, so this change is gone at the next; for state that persists across calls, run connectors sandbox");
  });

  it("gives serve and mcp --transport http different default ports", async () => {
    const defaultPort = async (command: string[]) => /--port <n>.*\(default: (\d+)\)/.exec((await run([...command, "--help"])).stdout)?.[1];
    const [serve, mcp] = await Promise.all([defaultPort(["serve"]), defaultPort(["mcp"])]);
    expect(serve).toBe("8080");
    expect(mcp).toBe("8081");
  });

  it("serve --port 0 says the port it got, and creates its SQLite store for its owner only (0600)", async () => {
    const dir = configDir();
    const child = spawn(process.execPath, [CLI, "serve", "--port", "0"], { cwd: dir, env: { ...process.env, CONNECTORS_MASTER_KEY: Buffer.alloc(32, 7).toString("base64") } });
    try {
      // Read on (never closed), so the server can go on writing to its stderr.
      let seen = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (seen += chunk));
      while (!seen.includes("\n")) await once(child.stderr, "data");
      const url = /listening on (http:\/\/127\.0\.0\.1:(\d+)) /.exec(seen);
      expect(Number(url?.[2])).toBeGreaterThan(0);
      expect((await fetch(`${url![1]}/health`)).status).toBe(200);
      const files = readdirSync(dir).filter((f) => f.startsWith("connectors.db"));
      expect(files).toContain("connectors.db");
      for (const file of files) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    } finally {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });
});
