/**
 * The hosted execute API end to end over loopback, against the sandbox, on both stores (one suite, run per store):
 * routes, isolation under concurrent load, scopes, revocation, rotation, audit, and no plaintext secret at rest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ACCOUNT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_PERSONAL_ACCESS_TOKEN, SANDBOX_REFRESH_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import { ADMIN_TOKEN, createWorkspace, postgresBackend, sqliteBackend, startHarness, type Backend, type Harness, skipUnavailable } from "./harness.js";

const backends: Backend[] = [sqliteBackend(), await postgresBackend()];
const CONNECTORS = "/api/v1/integrations/connectors";
const PRIVATE_NOTE = "a long private note about the client";

const pat = { token: SANDBOX_PERSONAL_ACCESS_TOKEN, account_id: SANDBOX_ACCOUNT_ID };
const oauth = { client_id: "sandbox-harvest-client-id", client_secret: SANDBOX_CLIENT_SECRET, refresh_token: SANDBOX_REFRESH_TOKEN, account_id: SANDBOX_ACCOUNT_ID };

describe.each(backends)("hosted execute API on $name", (backend) => {
  if (skipUnavailable(backend, "test/server/api.test.ts")) return;

  let h: Harness;
  let a: { id: string; token: string };
  let b: { id: string; token: string };
  let alice: string;
  let bob: string;
  let carol: string;
  const workspaceTokens: string[] = [];

  const connectAccount = async (token: string, body: Record<string, unknown>) => {
    const response = await h.call("POST", CONNECTORS, token, { connector_type: "harvest", name: "Harvest", ...body });
    expect(response.status, response.text).toBe(201);
    return response.body.id as string;
  };
  const execute = (token: string, id: string, entity: string, action: string, params: Record<string, unknown> = {}, options?: Record<string, unknown>) =>
    h.call("POST", `${CONNECTORS}/${id}/execute`, token, { entity, action, params, ...(options ? { options } : {}) });
  const apiRequests = () => h.sandbox.harvest.stats.requestLog.filter((r) => r.host === "api");

  beforeAll(async () => {
    h = await startHarness(backend);
    a = await createWorkspace(h.call, "Acme");
    b = await createWorkspace(h.call, "Beta");
    workspaceTokens.push(a.token, b.token);
    alice = await connectAccount(a.token, { user_id: "alice", credentials: pat });
    bob = await connectAccount(a.token, { user_id: "bob", credentials: oauth, auth_variant: "oauth2" });
    carol = await connectAccount(b.token, { user_id: "carol", credentials: pat });
  });

  afterAll(async () => {
    await h?.close();
    await backend.cleanup();
  });

  describe("open routes and authentication", () => {
    it("serves /health and its own OpenAPI 3.1 document without a token", async () => {
      expect((await h.call("GET", "/health")).body).toEqual({ status: "ok" });
      const doc = (await h.call("GET", "/openapi.json")).body;
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/api/v1/workspaces", CONNECTORS, `${CONNECTORS}/{id}`, `${CONNECTORS}/{id}/execute`, "/api/v1/audit"]),
      );
    });

    it("refuses every other route without a valid workspace token", async () => {
      for (const token of [undefined, "not-a-token", ADMIN_TOKEN]) {
        const response = await h.call("GET", CONNECTORS, token);
        expect(response.status).toBe(401);
        expect(response.body.error.code).toBe("E_AUTH");
      }
      expect((await h.call("GET", "/api/v1/audit")).status).toBe(401);
    });

    it("creates workspaces only with the admin token, and shows the token once", async () => {
      expect((await h.call("POST", "/api/v1/workspaces", a.token, { name: "x" })).status).toBe(401);
      const created = await h.call("POST", "/api/v1/workspaces", ADMIN_TOKEN, { name: "Gamma" });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: "Gamma", id: expect.stringMatching(/^ws_/), token: expect.stringMatching(/^cws_/) });
      workspaceTokens.push(created.body.token);
      expect((await h.call("GET", CONNECTORS, created.body.token)).body).toEqual({ data: [] });
    });

    it("answers malformed JSON with 400 and an oversized body with 413", async () => {
      const malformed = await h.call("POST", CONNECTORS, a.token, "{ not json");
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/not valid JSON/);
      const huge = await h.call("POST", CONNECTORS, a.token, JSON.stringify({ name: "x".repeat(1_100_000) }));
      expect(huge.status).toBe(413);
      expect(huge.body.error.code).toBe("E_TOO_LARGE");
    });
  });

  describe("connected accounts", () => {
    it("returns metadata and the allowed actions, never a secret", async () => {
      const response = await h.call("GET", `${CONNECTORS}/${bob}`, a.token);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: bob, user_id: "bob", connector_type: "harvest", auth_variant: "oauth2", account: "default", status: "active", read_only: false, scopes: null });
      expect(response.body.allowed.time_entries).toContain("create");
      expect(response.body.credentials).toBeUndefined();
      for (const secret of [SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN]) expect(response.text).not.toContain(secret);
    });

    it("lists a workspace's accounts, optionally for one user", async () => {
      const all = await h.call("GET", CONNECTORS, a.token);
      expect(all.body.data.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([alice, bob]));
      expect(all.text).not.toContain(SANDBOX_PERSONAL_ACCESS_TOKEN);
      const bobs = await h.call("GET", `${CONNECTORS}?user_id=bob`, a.token);
      expect(bobs.body.data.map((x: { id: string }) => x.id)).toEqual([bob]);
    });

    it("validates the connector type, credentials and scopes, naming what is wrong", async () => {
      const post = (body: Record<string, unknown>) => h.call("POST", CONNECTORS, a.token, { connector_type: "harvest", name: "n", user_id: "u", credentials: pat, ...body });
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ connector_type: "nope" }, /unknown connector_type "nope"; available: harvest, harvestapi/],
        [{ credentials: { token: "t" } }, /incomplete.*personal_access_token: token, account_id/],
        [{ credentials: { ...pat, base_url: "http://evil.example" } }, /unknown credential fields.*base_url/],
        [{ auth_variant: "magic" }, /unknown auth_variant "magic"/],
        [{ scopes: ["time_entries.list", "nope.*", "projects.fly"] }, /"nope\.\*" matches no harvest action[\s\S]*"projects\.fly" matches no harvest action/],
        [{ surprise: 1 }, /unknown field in the request body: surprise/],
        [{ user_id: undefined }, /user_id is required/],
      ];
      for (const [body, message] of cases) {
        const response = await post(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.message).toMatch(message);
        expect(response.text).not.toContain(SANDBOX_PERSONAL_ACCESS_TOKEN);
      }
    });

    it("keeps workspaces apart: another workspace's id is a 404 for reads, changes and execute", async () => {
      expect((await h.call("GET", `${CONNECTORS}/${alice}`, b.token)).status).toBe(404);
      expect((await h.call("PATCH", `${CONNECTORS}/${alice}`, b.token, { name: "mine" })).status).toBe(404);
      expect((await h.call("DELETE", `${CONNECTORS}/${alice}`, b.token)).status).toBe(404);
      const requests = apiRequests().length;
      const response = await execute(b.token, alice, "users", "me");
      expect(response.status).toBe(404);
      expect(apiRequests().length).toBe(requests);
      expect((await h.call("GET", CONNECTORS, b.token)).body.data.map((x: { id: string }) => x.id)).toEqual([carol]);
      expect((await h.call("GET", `${CONNECTORS}/${alice}`, a.token)).body.status).toBe("active");
    });
  });

  describe("execute", () => {
    it("sends each user's own credential under concurrent load, across users and workspaces", async () => {
      h.sandbox.harvest.stats.requestLog.length = 0;
      const calls = Array.from({ length: 20 }, () => [
        execute(a.token, alice, "users", "me"),
        execute(a.token, bob, "clients", "list", { per_page: 5 }),
        execute(b.token, carol, "users", "me"),
      ]).flat();
      const responses = await Promise.all(calls);
      for (const response of responses) expect(response.status, response.text).toBe(200);
      expect(responses[0]!.body.result).toMatchObject({ data: { id: expect.any(Number) }, meta: { connector: "harvest", entity: "users", action: "me", status: 200 } });
      const log = apiRequests();
      const me = log.filter((r) => r.path.endsWith("/users/me"));
      const clients = log.filter((r) => r.path.endsWith("/clients"));
      expect(me).toHaveLength(40);
      expect(clients).toHaveLength(20);
      // Alice and Carol connected the PAT; Bob's calls carry only access tokens minted from his refresh token.
      for (const r of me) expect(r.headers.authorization).toBe(`Bearer ${SANDBOX_PERSONAL_ACCESS_TOKEN}`);
      for (const r of clients) expect(r.headers.authorization).toMatch(/^Bearer (?!sandbox-harvest-token$)\S+$/);
    });

    it("writes a rotated OAuth refresh token back to the store, so the next refresh works", async () => {
      h.sandbox.harvest.expireAccessTokens();
      const response = await execute(a.token, bob, "users", "me");
      expect(response.status, response.text).toBe(200);
      // The sandbox's first refresh token is single-use: only the rotated one, read back from the store, could do this.
      expect(h.sandbox.harvest.stats.tokenRequests).toBeGreaterThanOrEqual(2);
    });

    it("enforces scopes and read_only before anything is sent", async () => {
      const narrow = await connectAccount(a.token, { user_id: "dave", credentials: pat, scopes: ["users.me", "time_entries.*"], read_only: true });
      const shown = (await h.call("GET", `${CONNECTORS}/${narrow}`, a.token)).body;
      expect(shown.allowed).toEqual({ users: ["me"], time_entries: ["list", "get"] });
      const before = apiRequests().length;
      for (const [entity, action, params] of [
        ["projects", "list", {}],
        ["time_entries", "create", { project_id: 1, task_id: 1, spent_date: "2026-06-15" }],
      ] as const) {
        const refused = await execute(a.token, narrow, entity, action, params);
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe("E_SCOPE");
      }
      expect(apiRequests().length).toBe(before);
      expect((await execute(a.token, narrow, "users", "me")).status).toBe(200);
    });

    it("maps runtime errors to HTTP statuses with stable codes", async () => {
      const cases: [Promise<{ status: number; body: any }>, number, string][] = [
        [execute(a.token, alice, "nope", "list"), 400, "E_VALIDATION"],
        [execute(a.token, alice, "projects", "get", { id: "not a number" }), 400, "E_VALIDATION"],
        [execute(a.token, alice, "projects", "get", { id: 1 }), 404, "E_NOT_FOUND"],
        [execute(a.token, alice, "users", "me", {}, { baseUrl: "http://127.0.0.1:1" }), 400, "E_VALIDATION"],
        [h.call("POST", `${CONNECTORS}/conn_missing/execute`, a.token, { entity: "users", action: "me" }), 404, "E_NOT_FOUND"],
      ];
      for (const [pending, status, code] of cases) {
        const response = await pending;
        expect(response.status, JSON.stringify(response.body)).toBe(status);
        expect(response.body.error.code).toBe(code);
      }
    });

    it("rotates credentials and changes scopes with PATCH", async () => {
      const id = await connectAccount(a.token, { user_id: "frank", credentials: pat });
      const broken = await h.call("PATCH", `${CONNECTORS}/${id}`, a.token, { credentials: { token: "wrong-token", account_id: SANDBOX_ACCOUNT_ID } });
      expect(broken.status).toBe(200);
      const refused = await execute(a.token, id, "users", "me");
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe("E_AUTH");
      await h.call("PATCH", `${CONNECTORS}/${id}`, a.token, { credentials: pat, scopes: ["projects.list"] });
      const shown = (await h.call("GET", `${CONNECTORS}/${id}`, a.token)).body;
      expect(shown.allowed).toEqual({ projects: ["list"] });
      expect((await execute(a.token, id, "projects", "list", { per_page: 1 })).status).toBe(200);
      expect((await h.call("PATCH", `${CONNECTORS}/${id}`, a.token, { scopes: ["nope.list"] })).status).toBe(400);
    });

    it("revokes: the credential is destroyed, the next execute fails closed, other users are unaffected", async () => {
      const id = await connectAccount(a.token, { user_id: "erin", credentials: pat });
      expect((await execute(a.token, id, "users", "me")).status).toBe(200);
      const revoked = await h.call("DELETE", `${CONNECTORS}/${id}`, a.token);
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe("revoked");
      expect((await h.store.getAccount(a.id, id))!.credentials).toBeNull();
      const before = apiRequests().length;
      const refused = await execute(a.token, id, "users", "me");
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toMatch(/revoked/);
      expect(apiRequests().length).toBe(before);
      expect((await h.call("PATCH", `${CONNECTORS}/${id}`, a.token, { credentials: pat })).status).toBe(409);
      expect((await execute(a.token, alice, "users", "me")).status).toBe(200);
    });
  });

  describe("audit", () => {
    it("records one row per execute, with free text and secrets redacted", async () => {
      const [entry] = (await execute(a.token, alice, "time_entries", "list", { per_page: 1 })).body.result.data;
      const { project, task } = entry as { project: { id: number }; task: { id: number } };
      const created = await execute(a.token, alice, "time_entries", "create", { project_id: project.id, task_id: task.id, spent_date: "2026-06-15", hours: 1.5, notes: PRIVATE_NOTE });
      expect(created.status, created.text).toBe(200);
      const rows = (await h.call("GET", `/api/v1/audit?connector_id=${alice}&limit=1000`, a.token)).body.data;
      const row = rows.at(-1);
      expect(row).toMatchObject({
        workspace_id: a.id,
        user_id: "alice",
        connector_id: alice,
        connector_type: "harvest",
        entity: "time_entries",
        action: "create",
        outcome: "ok",
        upstream_status: 201,
        params: { project_id: project.id, task_id: task.id, spent_date: "2026-06-15", hours: 1.5, notes: "[redacted]" },
      });
      expect(row.duration_ms).toBeGreaterThanOrEqual(0);
      expect(rows.map((r: { outcome: string }) => r.outcome)).toEqual(expect.arrayContaining(["ok", "E_VALIDATION", "E_NOT_FOUND"]));
      expect(rows.find((r: { outcome: string }) => r.outcome === "E_NOT_FOUND").upstream_status).toBe(404);
      const scoped = (await h.call("GET", "/api/v1/audit?user_id=dave&limit=1000", a.token)).body.data;
      expect(scoped.filter((r: { outcome: string }) => r.outcome === "E_SCOPE")).toHaveLength(2);
    });

    it("pages with a next cursor, filters by time, and exports NDJSON", async () => {
      const all = (await h.call("GET", "/api/v1/audit?limit=1000", a.token)).body;
      expect(all.next).toBeNull();
      expect(all.data.length).toBeGreaterThan(50);
      const seen: number[] = [];
      let cursor: string | null = "";
      while (cursor !== null) {
        const page: { data: { id: number }[]; next: string | null } = (await h.call("GET", `/api/v1/audit?limit=25${cursor ? `&cursor=${cursor}` : ""}`, a.token)).body;
        expect(page.data.length).toBeLessThanOrEqual(25);
        seen.push(...page.data.map((r) => r.id));
        cursor = page.next;
      }
      expect(seen).toEqual(all.data.map((r: { id: number }) => r.id));

      const ndjson = await h.call("GET", "/api/v1/audit?format=ndjson&limit=10", a.token);
      expect(ndjson.headers.get("content-type")).toMatch(/application\/x-ndjson/);
      const lines = ndjson.text.trimEnd().split("\n").map((line) => JSON.parse(line));
      expect(lines).toEqual(all.data.slice(0, 10));
      expect(ndjson.headers.get("x-next-cursor")).toBeTruthy();

      const middle = all.data[30].time;
      const since = (await h.call("GET", `/api/v1/audit?limit=1000&since=${encodeURIComponent(middle)}`, a.token)).body.data;
      const until = (await h.call("GET", `/api/v1/audit?limit=1000&until=${encodeURIComponent(middle)}`, a.token)).body.data;
      expect(since.every((r: { time: string }) => r.time >= middle)).toBe(true);
      expect(until.every((r: { time: string }) => r.time <= middle)).toBe(true);
      expect(new Set([...since, ...until].map((r: { id: number }) => r.id)).size).toBe(all.data.length);

      for (const bad of ["limit=0", "limit=1001", "format=xml", "since=yesterday", "cursor=zzz"])
        expect((await h.call("GET", `/api/v1/audit?${bad}`, a.token)).status, bad).toBe(400);
    });

    it("shows a workspace only its own rows", async () => {
      const rows = (await h.call("GET", "/api/v1/audit?limit=1000", b.token)).body.data;
      expect(rows.length).toBe(20);
      expect(new Set(rows.map((r: { workspace_id: string }) => r.workspace_id))).toEqual(new Set([b.id]));
    });
  });

  it("holds no secret in plaintext: credentials, tokens, workspace tokens or free text", async () => {
    const dump = await backend.dump();
    expect(dump).toContain(alice);
    const accessTokens = [...new Set(apiRequests().map((r) => r.headers.authorization?.replace(/^Bearer /, "")).filter(Boolean))];
    expect(accessTokens.length).toBeGreaterThan(1);
    for (const secret of [SANDBOX_PERSONAL_ACCESS_TOKEN, SANDBOX_CLIENT_SECRET, "sandbox-harvest-refresh", ...accessTokens, ...workspaceTokens, ADMIN_TOKEN, PRIVATE_NOTE])
      expect(dump.includes(secret!), `found ${secret} in the ${backend.name} store`).toBe(false);
  });
});
