/** The built `connectors` command, run as a child process against the embedded sandbox. */
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { run, spawnCli, withCliSandbox } from "./run.js";

// Each test is its own child process (and config dir), so they run side by side.
describe.concurrent("connectors CLI", () => {
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

  it("names --fields the records do not have, with the ones they do, on stderr (table and streamed ndjson alike)", async () => {
    for (const output of ["table", "ndjson"]) {
      const { code, stderr } = await run(["execute", "harvest", "clients", "list", "--sandbox", "--limit", "2", "--output", output, "--fields", "id,nmae"]);
      expect(code).toBe(0);
      expect(stderr).toMatch(/^warning: these records have no nmae; their fields: id, name, /m);
    }
  });

  it("prints { data, meta } as JSON by default and coerces -p values by the schema", async () => {
    const { code, stdout } = await run(["execute", "harvest", "time_entries", "list", "--sandbox", "-p", "is_running=true"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.data.length).toBeGreaterThan(0);
    expect(result.data.every((e: { is_running: boolean }) => e.is_running)).toBe(true);
    expect(result.meta).toMatchObject({ connector: "harvest", entity: "time_entries", action: "list", status: 200 });
  });

  it("sends -p key=null as null, which clears a nullable field; a field that cannot be null says so", async () => {
    const { code, stdout } = await run(["execute", "harvest", "projects", "update", "--sandbox", "-p", "id=14307905", "-p", "budget=null", "-p", "ends_on=null"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).data).toMatchObject({ id: 14307905, budget: null, ends_on: null });
    const refused = await run(["execute", "harvest", "projects", "update", "--sandbox", "-p", "id=14307905", "-p", "is_active=null"]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("is_active: must be boolean (got null)");
  });

  it("streams ndjson records across pages", async () => {
    const { code, stdout } = await run(["execute", "harvest", "time_entries", "list", "--sandbox", "-p", "per_page=40", "--limit", "100", "--output", "ndjson"]);
    expect(code).toBe(0);
    const records = stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(records).toHaveLength(100);
    expect(new Set(records.map((r) => r.id)).size).toBe(100);
  });

  it("asks for no further page while its reader has not taken the last one", async () => {
    const { startSandbox } = await import("../../src/sandbox/server.js");
    const sandbox = await startSandbox({ harvest: { rateLimit: false } });
    const info = sandbox.connectors.harvest!;
    const { token, account_id } = info.credentials.personal_access_token!;
    const env = { CONNECTORS_HARVEST_BASE_URL: info.baseUrl, HARVEST_ACCESS_TOKEN: token, HARVEST_ACCOUNT_ID: account_id };
    const pagesAsked = () => sandbox.harvest.stats.requestLog.filter((r) => r.path === "/time_entries").length;
    // A page of 2,000 entries (about 2 MB) is more than the pipe and both ends' buffers hold.
    const child = spawnCli(["execute", "harvest", "time_entries", "list", "-p", "per_page=2000", "--all", "--output", "ndjson"], env);
    try {
      await once(child.stdout, "readable");
      // Round trips of our own give a CLI that writes on regardless every chance to ask for page 2 meanwhile.
      for (let i = 0; i < 5; i++) await (await fetch(`${info.baseUrl}/company`, { headers: { Authorization: `Bearer ${token}`, "Harvest-Account-Id": account_id } })).text();
      expect(pagesAsked()).toBe(1);
      let lines = 0;
      for await (const chunk of child.stdout) lines += (chunk as Buffer).toString("utf8").split("\n").length - 1;
      expect(lines).toBe(3105);
      expect(pagesAsked()).toBe(2);
    } finally {
      child.kill();
      await sandbox.close();
    }
  });

  it("exits 4 on invalid params, naming them, with nothing on stdout", async () => {
    const { code, stdout, stderr } = await run(["execute", "harvest", "time_entries", "list", "--sandbox", "-p", "from=2026-02-30"]);
    expect(code).toBe(4);
    expect(stdout).toBe("");
    expect(stderr).toContain("from: must be a real calendar date as YYYY-MM-DD");
  });

  it("exits 2 without credentials and says what to do next: variables, the vault, or the sandbox", async () => {
    const { code, stderr } = await run(["execute", "harvest", "users", "me"]);
    expect(code).toBe(2);
    expect(stderr).toContain("set HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID");
    expect(stderr).toContain("or run: connectors credentials set harvest\n");
    expect(stderr).toContain("add --sandbox");
    const named = await run(["execute", "harvest", "users", "me", "--account", "work"]);
    expect(named.stderr).toContain("HARVEST_ACCESS_TOKEN_WORK");
    expect(named.stderr).toContain("or run: connectors credentials set harvest --account work");
  });

  it("exits 5 when a paid call's estimate is over --budget, before sending anything", async () => {
    const { code, stdout, stderr } = await run(["execute", "harvestapi", "profiles", "get", "-p", "url=https://www.linkedin.com/in/someone", "--budget", "0.001"]);
    expect(code).toBe(5);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/CreditsError: .*over the budget of \$0\.001; nothing was sent/);
  });

  it("exits 1 on other errors, with the API's own message", async () => {
    const args = "execute harvest time_entries create --sandbox -p project_id=1 -p task_id=1 -p spent_date=2026-06-01 -p hours=1".split(" ");
    const { code, stderr } = await run(args);
    expect(code).toBe(1);
    expect(stderr).toContain("UpstreamError: Harvest answered HTTP 422");
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
      const { code, stdout } = await run(["execute", "harvest", "company", "get", "--base-url", info.baseUrl, "--fields", "name"], { env });
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

  it("describes a connector's credentials: the variables and the vault", async () => {
    const { stdout } = await run(["describe", "harvest"]);
    expect(stdout).toContain("personal_access_token: HARVEST_ACCESS_TOKEN, HARVEST_ACCOUNT_ID");
    expect(stdout).toContain("connectors credentials set harvest");
  });

  it("shows where to start and the exit codes in --help", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    for (const command of ["execute", "run", "describe", "validate", "credentials", "sandbox"]) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    expect(stdout).toContain("--sandbox");
    expect(stdout).toContain("Exit codes: 0 ok, 1 other, 2 auth, 3 not found, 4 validation or out of scope, 5 rate limited or out of credits, 6 a script's limit.");
  });

  it("serves the sandbox and prints the exports that point the CLI at it", async () => {
    await withCliSandbox(async (env) => {
      expect(env.CONNECTORS_HARVEST_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      const { code, stdout } = await run(["execute", "harvest", "users", "me", "--fields", "email"], { env });
      expect(code).toBe(0);
      expect(JSON.parse(stdout).data.email).toContain("@");
    });
  });

  it("keeps what one call creates for the next while `connectors sandbox` runs; --sandbox starts from the seed every time", async () => {
    await withCliSandbox(async (env) => {
      const mine = JSON.parse((await run(["execute", "harvest", "project_assignments", "mine", "--limit", "1"], { env })).stdout).data[0];
      const params = [`project_id=${mine.project.id}`, `task_id=${mine.task_assignments[0].task.id}`, "spent_date=2026-06-30", "hours=2", "notes=kept between calls"];
      const created = await run(["execute", "harvest", "time_entries", "create", ...params.flatMap((param) => ["-p", param])], { env });
      expect(created.code, created.stderr).toBe(0);
      const { id } = JSON.parse(created.stdout).data;
      const read = await run(["execute", "harvest", "time_entries", "get", "-p", `id=${id}`], { env });
      expect(read.code, read.stderr).toBe(0);
      expect(JSON.parse(read.stdout).data).toMatchObject({ id, notes: "kept between calls", hours: 2 });
      const fresh = await run(["execute", "harvest", "time_entries", "get", "--sandbox", "-p", `id=${id}`]);
      expect(fresh.code).toBe(3);
    });
  });
});
