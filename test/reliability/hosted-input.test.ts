/**
 * Bad input to the hosted API, on SQLite and PostgreSQL. Promises: a NUL (or any control character) in an id, a
 * user_id, a connector_id, a name, an entity or an action is a 400 before the store is touched (PostgreSQL text cannot
 * hold NUL: it was a 500); a crafted audit cursor is a 400; params nested 10,000 deep are a 400; every execute that
 * names an account of the workspace gets exactly one audit row whatever goes wrong (counted against the requests);
 * and fast-check's random bodies and ids get only 4xx answers, never a 5xx.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ACCOUNT_ID, SANDBOX_PERSONAL_ACCESS_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import { ADMIN_TOKEN, createWorkspace, postgresBackend, sqliteBackend, startHarness, type Backend, type Harness, skipUnavailable } from "../server/harness.js";
import { reportFigures, SCALE } from "./scale.js";

const backends: Backend[] = [sqliteBackend(), await postgresBackend()];
const CONNECTORS = "/api/v1/integrations/connectors";
const pat = { token: SANDBOX_PERSONAL_ACCESS_TOKEN, account_id: SANDBOX_ACCOUNT_ID };
const NUL = "\u0000";

/** JSON nested `depth` levels deep ({"a":{"a":...}}), as text: JSON.stringify itself gives up long before 10,000. */
export const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

describe.each(backends)("the hosted API's bad input on $name", (backend) => {
  if (skipUnavailable(backend, "test/reliability/hosted-input.test.ts")) return;

  let h: Harness;
  let ws: { id: string; token: string };
  let account: string;
  let scoped: string;
  let refused: string;

  const rows = async () => (await h.store.listAudit({ workspace_id: ws.id, limit: 100_000 })).length;
  const execute = (id: string, body: unknown) => h.call("POST", `${CONNECTORS}/${encodeURIComponent(id)}/execute`, ws.token, body);
  const connect = async (body: Record<string, unknown>) => {
    const created = await h.call("POST", CONNECTORS, ws.token, { connector_type: "harvest", name: "Harvest", user_id: "alice", credentials: pat, ...body });
    expect(created.status, created.text).toBe(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    h = await startHarness(backend, { bodyLimitBytes: 64 * 1024 });
    ws = await createWorkspace(h.call, "Acme");
    account = await connect({});
    scoped = await connect({ scopes: ["projects.list"] });
    refused = await connect({ credentials: { token: "not-a-sandbox-token", account_id: SANDBOX_ACCOUNT_ID } });
  });

  afterAll(async () => {
    await h?.close();
    await backend.cleanup();
  });

  it("answers 400 to a NUL in any id, user_id, connector_id or name, before the store", async () => {
    const id = `conn${NUL}x`;
    const refusals = [
      await h.call("GET", `${CONNECTORS}/${encodeURIComponent(id)}`, ws.token),
      await h.call("PATCH", `${CONNECTORS}/${encodeURIComponent(id)}`, ws.token, { name: "x" }),
      await h.call("DELETE", `${CONNECTORS}/${encodeURIComponent(id)}`, ws.token),
      await execute(id, { entity: "users", action: "me" }),
      await h.call("POST", `${CONNECTORS}/${encodeURIComponent(id)}/oauth/start`, ws.token),
      await h.call("DELETE", `/api/v1/mcp-tokens/${encodeURIComponent(id)}`, ws.token),
      await h.call("GET", `${CONNECTORS}?user_id=${encodeURIComponent(`a${NUL}`)}`, ws.token),
      await h.call("GET", `/api/v1/audit?connector_id=${encodeURIComponent(id)}`, ws.token),
      await h.call("GET", `/api/v1/audit?user_id=${encodeURIComponent(`a${NUL}`)}`, ws.token),
      await h.call("GET", `/api/v1/mcp-tokens?user_id=${encodeURIComponent(`a${NUL}`)}`, ws.token),
      await h.call("POST", CONNECTORS, ws.token, { connector_type: "harvest", name: "H", user_id: `alice${NUL}`, credentials: pat }),
      await h.call("POST", CONNECTORS, ws.token, { connector_type: "harvest", name: `H${NUL}`, user_id: "alice", credentials: pat }),
      await h.call("POST", CONNECTORS, ws.token, { connector_type: `harvest${NUL}`, name: "H", user_id: "alice", credentials: pat }),
      await h.call("PATCH", `${CONNECTORS}/${account}`, ws.token, { name: `H${NUL}` }),
      await h.call("POST", "/api/v1/mcp-tokens", ws.token, { user_id: `alice${NUL}` }),
      await h.call("POST", "/api/v1/workspaces", ADMIN_TOKEN, { name: `Acme${NUL}` }),
    ];
    expect(refusals.map((r) => `${r.status} ${r.body?.error?.code}`)).toEqual(Array(refusals.length).fill("400 E_VALIDATION"));
    expect(refusals[10]!.body.error.message).toMatch(/user_id contains control characters/);
  });

  it("answers 400 to an entity or action holding a NUL, with one audit row keeping a printable name", async () => {
    const before = await rows();
    const answers = [await execute(account, { entity: `users${NUL}`, action: "me" }), await execute(account, { entity: "users", action: `me${NUL}drop` })];
    expect(answers.map((a) => a.status)).toEqual([400, 400]);
    const audit = (await h.store.listAudit({ workspace_id: ws.id, limit: 100_000 })).slice(before);
    expect(audit.map((r) => [r.entity, r.action, r.outcome])).toEqual([
      ["users\ufffd", "me", "E_VALIDATION"],
      ["users", "me\ufffddrop", "E_VALIDATION"],
    ]);
  });

  it("answers 400 to an audit cursor past any id (a bigint overflow on PostgreSQL)", async () => {
    for (const text of ["a:9223372036854775807", "a:99999999999999999999", "a:-1", "a:1e5"]) {
      const response = await h.call("GET", `/api/v1/audit?cursor=${Buffer.from(text).toString("base64url")}`, ws.token);
      expect(`${response.status} ${response.body.error.code}`, text).toBe("400 E_VALIDATION");
    }
  });

  it("answers 400 to params nested 10,000 deep, with its audit row", async () => {
    const before = await rows();
    const params = `{"project_id":1,"task_id":1,"spent_date":"2026-06-01","notes":${deepJson(10_000)}}`;
    const answer = await execute(account, `{"entity":"time_entries","action":"create","params":${params}}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/nests deeper than 32 levels/);
    expect(await rows()).toBe(before + 1);
  });

  it("writes exactly one audit row per execute that reached an account, whatever went wrong", async () => {
    const requests: [string, unknown, number][] = [
      [account, { entity: "users", action: "me" }, 200],
      [account, "{not json", 400],
      [account, "[1, 2]", 400],
      [account, { entity: "users", action: "me", base_url: "http://evil.test" }, 400],
      [account, { entity: 7, action: "me" }, 400],
      [account, { entity: "users", action: "constructor" }, 400],
      [account, { entity: "__proto__", action: "me" }, 400],
      [account, { entity: "users", action: "get", params: { id: "abc" } }, 400],
      [account, { entity: "users", action: "get", params: [1] }, 400],
      [account, { entity: "users", action: "me", options: { budget: true } }, 400],
      [account, { entity: "users", action: "me", options: { limit: "abc" } }, 400],
      [account, { entity: "users", action: "me", params: { notes: "x".repeat(70 * 1024) } }, 413],
      [account, { entity: "users", action: "get", params: { id: 987654321 } }, 404],
      [scoped, { entity: "users", action: "me" }, 403],
      [refused, { entity: "users", action: "me" }, 401],
    ];
    const before = await rows();
    const statuses = [];
    for (const [id, body] of requests) statuses.push((await execute(id, body)).status);
    expect(statuses).toEqual(requests.map(([, , status]) => status));
    // One more request that names no account of this workspace: no row (nothing to attribute it to).
    expect((await execute("conn_unknown", { entity: "users", action: "me" })).status).toBe(404);
    expect(await rows()).toBe(before + requests.length);
  });

  it("answers random bodies and ids with 4xx, never 5xx, and one audit row per execute that found its account", async () => {
    const name = fc.oneof(fc.constantFrom("users", "me", "get", "list", "constructor", "__proto__", "toString", "time_entries"), fc.string({ unit: "binary", maxLength: 40 }));
    const body = fc.oneof(
      fc.record({ entity: fc.oneof(name, fc.jsonValue()), action: fc.oneof(name, fc.jsonValue()), params: fc.oneof(fc.dictionary(name, fc.jsonValue()), fc.jsonValue()), options: fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.record({ budget: fc.jsonValue(), limit: fc.jsonValue(), cursor: fc.jsonValue() })) }, { requiredKeys: [] }),
      fc.jsonValue(),
      fc.string({ unit: "binary", maxLength: 60 }),
    );
    const id = fc.oneof({ weight: 3, arbitrary: fc.constant("ACCOUNT") }, fc.string({ unit: "binary", minLength: 1, maxLength: 40 }));
    let executes = 0;
    let found = 0;
    const before = await rows();
    await fc.assert(
      fc.asyncProperty(id, body, async (target, sent) => {
        const real = target === "ACCOUNT";
        const answer = await execute(real ? account : target, typeof sent === "string" ? sent : JSON.stringify(sent) ?? "null");
        executes++;
        if (real) found++;
        expect(answer.status, answer.text).toBeLessThan(500);
        expect(answer.status === 200 || answer.body?.error?.code?.startsWith("E_")).toBe(true);
      }),
      { numRuns: SCALE.hostedFuzzRuns },
    );
    // Upstream failures aside (none here: the sandbox answers), every execute to the account has its row.
    expect(await rows()).toBe(before + found);
    reportFigures(`hosted bad input (${backend.name})`, { fuzzed_requests: executes, to_a_real_account: found, audit_rows: found });
  }, 120_000);
});
