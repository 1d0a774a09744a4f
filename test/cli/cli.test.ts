/** The built `connectors` command, run as a child process against the embedded sandbox. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const NO_CREDENTIALS = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(HARVEST_|CONNECTORS_)/.test(k)));

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...NO_CREDENTIALS, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("connectors CLI", () => {
  it("runs the README's try-it command and prints June's records", async () => {
    const { code, stdout } = await run(
      "execute harvest time_entries list --sandbox -p from=2026-06-01 -p to=2026-06-30 --limit 5 --output table --fields id,spent_date,hours,user.name,project.name,task.name".split(" "),
    );
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^id\s+spent_date\s+hours\s+user\.name\s+project\.name\s+task\.name$/);
    expect(lines.slice(2)).toHaveLength(5);
    for (const line of lines.slice(2)) expect(line).toMatch(/^\d+\s+2026-06-\d\d\s+[\d.]+\s+\S/);
  });

  it("prints { data, meta } as JSON by default and coerces -p values by the schema", async () => {
    const { code, stdout } = await run(["execute", "harvest", "time_entries", "list", "--sandbox", "-p", "is_running=true"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.data.length).toBeGreaterThan(0);
    expect(result.data.every((e: { is_running: boolean }) => e.is_running)).toBe(true);
    expect(result.meta).toMatchObject({ connector: "harvest", entity: "time_entries", action: "list", status: 200 });
  });

  it("streams ndjson records across pages", async () => {
    const { code, stdout } = await run(["execute", "harvest", "time_entries", "list", "--sandbox", "-p", "per_page=40", "--limit", "100", "--output", "ndjson"]);
    expect(code).toBe(0);
    const records = stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(records).toHaveLength(100);
    expect(new Set(records.map((r) => r.id)).size).toBe(100);
  });

  it("exits 4 on invalid params, naming them, with nothing on stdout", async () => {
    const { code, stdout, stderr } = await run(["execute", "harvest", "time_entries", "list", "--sandbox", "-p", "from=2026-02-30"]);
    expect(code).toBe(4);
    expect(stdout).toBe("");
    expect(stderr).toContain("from: must be a real calendar date as YYYY-MM-DD");
  });

  it("exits 2 without credentials and says which variables to set", async () => {
    const { code, stderr } = await run(["execute", "harvest", "users", "me"]);
    expect(code).toBe(2);
    expect(stderr).toContain("set HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID");
  });

  it("exits 3 when the record does not exist", async () => {
    const { code, stderr } = await run(["execute", "harvest", "projects", "get", "--sandbox", "-p", "id=1"]);
    expect(code).toBe(3);
    expect(stderr).toContain("NotFoundError");
  });

  it("reaches a sandbox given by --base-url and env credentials", async () => {
    const { startSandbox } = await import("../../src/sandbox/server.js");
    const sandbox = await startSandbox();
    try {
      const info = sandbox.connectors.harvest!;
      const env = { HARVEST_ACCESS_TOKEN: info.credentials.personal_access_token!.token, HARVEST_ACCOUNT_ID: info.credentials.personal_access_token!.account_id };
      const { code, stdout } = await run(["execute", "harvest", "company", "get", "--base-url", info.baseUrl, "--fields", "name"], env);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).data).toEqual({ name: "Sandbox Studio" });
    } finally {
      await sandbox.close();
    }
  });

  it("lists connectors and describes actions", async () => {
    expect((await run(["list"])).stdout).toMatch(/^harvest\s+Harvest\s+\d+ entities, 114 actions$/m);
    const text = await run(["describe", "harvest", "time_entries", "create"]);
    expect(text.stdout).toContain("project_id");
    expect(text.stdout).toContain("Example: connectors execute harvest time_entries create");
    const json = JSON.parse((await run(["describe", "harvest", "time_entries", "list", "--json"])).stdout);
    expect(json.params.properties.from).toMatchObject({ type: "string", format: "date" });
    const unknown = await run(["describe", "harvest", "timesheets"]);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain("entities: time_entries");
  });
});
