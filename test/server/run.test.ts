/** The hosted code-mode route: a script with a connected account's credentials and scope, and its audit rows. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ACCOUNT_ID, SANDBOX_PERSONAL_ACCESS_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import { createWorkspace, sqliteBackend, startHarness, type Harness } from "./harness.js";

const CONNECTORS = "/api/v1/integrations/connectors";
const pat = { token: SANDBOX_PERSONAL_ACCESS_TOKEN, account_id: SANDBOX_ACCOUNT_ID };
const backend = sqliteBackend();
let h: Harness;
let workspace: { id: string; token: string };

const connectAccount = async (body: Record<string, unknown>) => {
  const response = await h.call("POST", CONNECTORS, workspace.token, { connector_type: "harvest", name: "Harvest", user_id: "alice", credentials: pat, ...body });
  expect(response.status, response.text).toBe(201);
  return response.body.id as string;
};
const runOn = (id: string, body: Record<string, unknown>) => h.call("POST", `${CONNECTORS}/${id}/run`, workspace.token, body);
const audit = async (id: string) => (await h.call("GET", `/api/v1/audit?connector_id=${id}&limit=1000`, workspace.token)).body.data as Record<string, any>[];

beforeAll(async () => {
  h = await startHarness(backend);
  workspace = await createWorkspace(h.call, "Acme");
});
afterAll(async () => {
  await h?.close();
  await backend.cleanup();
});

describe("POST /connectors/:id/run", () => {
  it("runs a script with the account's credentials: the answer, its logs, and one audit row per call plus one for the script", async () => {
    const id = await connectAccount({});
    const code = 'const [me, clients] = await Promise.all([harvest.users.me(), harvest.clients.list({}, { all: true })]);\nconsole.log("clients", clients.data.length);\nreturn { me: me.data.first_name, clients: clients.data.length };';
    const response = await runOn(id, { code });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ result: { me: "Alex", clients: expect.any(Number) }, calls: 2, cost: 0, logs: [{ level: "log", message: expect.stringMatching(/^clients \d+$/) }] });
    const rows = await audit(id);
    expect(rows.map((r) => `${r.entity}.${r.action} ${r.outcome}`).sort()).toEqual(["(script).run ok", "clients.list ok", "users.me ok"]);
    const script = rows.at(-1)!;
    expect(script).toMatchObject({ entity: "(script)", action: "run", user_id: "alice", connector_type: "harvest", upstream_status: null, cost: 0, params: { calls: 2, code_chars: code.length, code_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.stringify(rows)).not.toContain("Promise.all");
  });

  it("holds every call to the account's scope, refused before sending, and reports the script's failure with its line", async () => {
    const id = await connectAccount({ user_id: "reader", read_only: true });
    const before = h.sandbox.harvest.stats.requestLog.length;
    const response = await runOn(id, { code: 'const a = 1;\nawait harvest.clients.create({ name: "Acme" });' });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: { code: "E_SCOPE", line: 2 }, calls: 1 });
    expect(h.sandbox.harvest.stats.requestLog.length).toBe(before);
    expect((await audit(id)).map((r) => `${r.entity}.${r.action} ${r.outcome}`)).toEqual(["clients.create E_SCOPE", "(script).run E_SCOPE"]);
    const broken = await runOn(id, { code: "return (" });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: "E_SCRIPT", line: 1 });
  });

  it("takes timeout (seconds) and max_calls, and ends with 422 when one is reached", async () => {
    const id = await connectAccount({ user_id: "looper" });
    const slow = await runOn(id, { code: "while (true) {}", timeout: 0.2 });
    expect(slow.status).toBe(422);
    expect(slow.body.error).toMatchObject({ code: "E_LIMIT", message: expect.stringMatching(/time limit of 0.2 s/) });
    const many = await runOn(id, { code: "for (;;) await harvest.users.me();", max_calls: 2 });
    expect(many.status).toBe(422);
    expect(many.body).toMatchObject({ error: { code: "E_LIMIT" }, calls: 2 });
    expect((await audit(id)).filter((r) => r.entity === "(script)").map((r) => r.outcome)).toEqual(["E_LIMIT", "E_LIMIT"]);
  });

  it("keeps the server answering everyone else while a script computes: it runs on a thread of its own", async () => {
    const spinner = await connectAccount({ user_id: "spinner" });
    const other = await connectAccount({ user_id: "other-tenant-user" });
    expect((await runOn(spinner, { code: "return 1" })).status).toBe(200);
    const requests = h.sandbox.harvest.stats.requestLog;
    const before = requests.length;
    let spinning = true;
    const spin = runOn(spinner, { code: "await harvest.users.me();\nwhile (true) {}", timeout: 3 }).finally(() => (spinning = false));
    // Once the script's call reached the API, the script computes until its time is up.
    while (requests.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 3; i++) {
      const response = await h.call("POST", `${CONNECTORS}/${other}/execute`, workspace.token, { entity: "users", action: "me" });
      expect(response.status, response.text).toBe(200);
      expect(spinning).toBe(true);
    }
    expect((await spin).body.error).toMatchObject({ code: "E_LIMIT", message: expect.stringMatching(/time limit of 3 s/) });
  });

  it("runs at most maxScripts at once per server, answering 429 with Retry-After past it and running again once one ends", async () => {
    const own = sqliteBackend();
    const busy = await startHarness(own, { maxScripts: 1 });
    try {
      const acme = await createWorkspace(busy.call, "Busy");
      const created = await busy.call("POST", CONNECTORS, acme.token, { connector_type: "harvest", name: "Harvest", user_id: "u", credentials: pat });
      const run = (code: string, timeout?: number) => busy.call("POST", `${CONNECTORS}/${created.body.id}/run`, acme.token, { code, timeout });
      const requests = busy.sandbox.harvest.stats.requestLog;
      const first = run("await harvest.users.me();\nwhile (true) {}", 2);
      while (!requests.length) await new Promise((resolve) => setTimeout(resolve, 5));
      const refused = await run("return 1");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(refused.body.error).toMatchObject({ code: "E_RATE_LIMIT", message: expect.stringMatching(/at most 1 scripts at once/) });
      expect((await first).status).toBe(422);
      expect((await run("return 1")).body).toMatchObject({ result: 1 });
    } finally {
      await busy.close();
      await own.cleanup();
    }
  });

  it("reaches the same user's named account, and no one else's", async () => {
    const id = await connectAccount({ user_id: "bea" });
    const work = await connectAccount({ user_id: "bea", account: "work" });
    await connectAccount({ user_id: "other", account: "side" });
    const response = await runOn(id, { code: 'const me = await harvest.account("work").users.me(); let side; try { await harvest.account("side").users.me() } catch (e) { side = e.message } return { me: me.data.first_name, side };' });
    expect(response.status, response.text).toBe(200);
    expect(response.body.result).toEqual({ me: "Alex", side: 'bea has no active harvest account named "side" in this workspace' });
    expect((await audit(work)).map((r) => `${r.entity}.${r.action}`)).toEqual(["users.me"]);
  });

  it("refuses a body it does not know", async () => {
    const id = await connectAccount({ user_id: "strict" });
    for (const [body, message] of [
      [{}, /code is required/],
      [{ code: "x".repeat(100_001) }, /code is longer than 100000 characters/],
      [{ code: "return 1", timeout: 600 }, /timeout must be a number from 0.1 to 60/],
      [{ code: "return 1", max_calls: 1.5 }, /max_calls must be a whole number/],
      [{ code: "return 1", budget: -1 }, /budget must be a number from 0/],
      [{ code: "return 1", base_url: "http://x" }, /unknown field in the request body: base_url/],
    ] as const) {
      const response = await runOn(id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
    expect((await h.call("POST", `${CONNECTORS}/conn_missing/run`, workspace.token, { code: "return 1" })).status).toBe(404);
  });
});
