/**
 * Connected accounts under stress, on SQLite and PostgreSQL. Promises: oauth/start refuses an account whose variant
 * has no OAuth (it answered 200 with an empty client_id); an account whose credential the upstream refuses (401, or
 * invalid_grant) becomes needs_reauth, visible in the API and the audit, and nothing more is sent for it until it is
 * reconnected; a revocation that lands while an OAuth callback is exchanging its code wins (the callback used to
 * re-activate the account); on PostgreSQL, the per-workspace request limit holds across replicas.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ACCOUNT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_PERSONAL_ACCESS_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import { PostgresCoordinator } from "../../src/server/coordination/postgres.js";
import { startServer } from "../../src/server/server.js";
import { client, createWorkspace, postgresBackend, sandboxConfig, sqliteBackend, startHarness, type Backend, type Harness, skipUnavailable } from "../server/harness.js";

const backends: Backend[] = [sqliteBackend(), await postgresBackend()];
const CONNECTORS = "/api/v1/integrations/connectors";
const pat = { token: SANDBOX_PERSONAL_ACCESS_TOKEN, account_id: SANDBOX_ACCOUNT_ID };

/** A token endpoint that answers only when told to: the window in which a revocation races the callback. */
async function heldTokenEndpoint(): Promise<{ url: string; received: Promise<void>; release(): void; close(): void }> {
  let release!: () => void;
  let received!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const arrived = new Promise<void>((resolve) => (received = resolve));
  const server: Server = createServer((req, res) => {
    req.resume();
    received();
    void released.then(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: "at-held", refresh_token: "rt-held", expires_in: 3600 })));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, received: arrived, release, close: () => (server.closeAllConnections(), server.close()) };
}

describe.each(backends)("connected accounts on $name", (backend) => {
  if (skipUnavailable(backend, "test/reliability/accounts.test.ts")) return;

  let h: Harness;
  let ws: { id: string; token: string };
  const connect = async (body: Record<string, unknown>) => {
    const created = await h.call("POST", CONNECTORS, ws.token, { connector_type: "harvest", name: "Harvest", user_id: "alice", ...body });
    expect(created.status, created.text).toBe(201);
    return created.body as { id: string; status: string };
  };
  const me = (id: string) => h.call("POST", `${CONNECTORS}/${id}/execute`, ws.token, { entity: "users", action: "me" });
  const upstreamCalls = () => h.sandbox.harvest.stats.requestLog.length;

  beforeAll(async () => {
    h = await startHarness(backend);
    h.config.publicUrl = h.server.url;
    ws = await createWorkspace(h.call, "Acme");
  });

  afterAll(async () => {
    await h?.close();
    await backend.cleanup();
  });

  it("refuses oauth/start for an account without OAuth, handing out no authorize URL", async () => {
    const { id } = await connect({ credentials: pat });
    const answer = await h.call("POST", `${CONNECTORS}/${id}/oauth/start`, ws.token);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "E_VALIDATION", message: expect.stringMatching(/not connected through OAuth/) });
    expect(answer.text).not.toContain("authorize_url");
  });

  it("turns an account whose token the upstream refuses to needs_reauth, sends nothing more for it, and reconnects it with new credentials", async () => {
    const { id } = await connect({ credentials: { token: "a-token-harvest-refuses", account_id: SANDBOX_ACCOUNT_ID } });
    expect((await me(id)).status).toBe(401);
    expect((await h.call("GET", `${CONNECTORS}/${id}`, ws.token)).body.status).toBe("needs_reauth");
    const sent = upstreamCalls();
    const refused = await me(id);
    expect(refused.body.error).toMatchObject({ code: "E_AUTH", message: expect.stringMatching(/needs to be reconnected/) });
    expect(upstreamCalls()).toBe(sent);
    const audit = await h.call("GET", `/api/v1/audit?connector_id=${id}`, ws.token);
    expect(audit.body.data.map((r: { outcome: string; reason: string }) => [r.outcome, r.reason])).toEqual([
      ["E_AUTH", "invalid"],
      ["E_AUTH", "invalid"],
    ]);
    const reconnected = await h.call("PATCH", `${CONNECTORS}/${id}`, ws.token, { credentials: pat });
    expect(reconnected.body.status).toBe("active");
    expect((await me(id)).status).toBe(200);
  });

  it("turns an OAuth account whose refresh token is rejected (invalid_grant) to needs_reauth", async () => {
    const { id } = await connect({ auth_variant: "oauth2", credentials: { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, refresh_token: "rt-revoked-long-ago", account_id: SANDBOX_ACCOUNT_ID } });
    const answer = await me(id);
    expect(answer.body.error.code).toBe("E_AUTH");
    const account = (await h.call("GET", `${CONNECTORS}/${id}`, ws.token)).body;
    expect(account.status).toBe("needs_reauth");
    const [row] = (await h.call("GET", `/api/v1/audit?connector_id=${id}`, ws.token)).body.data;
    expect(row).toMatchObject({ outcome: "E_AUTH", reason: "revoked" });
  });

  it("keeps an account revoked when the revocation lands while its OAuth callback exchanges the code", async () => {
    const held = await heldTokenEndpoint();
    h.config.upstream!.harvest = { ...h.config.upstream!.harvest, tokenUrl: held.url };
    try {
      const { id } = await connect({ credentials: { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, account_id: SANDBOX_ACCOUNT_ID } });
      const start = await h.call("POST", `${CONNECTORS}/${id}/oauth/start`, ws.token);
      const state = new URL(start.body.authorize_url).searchParams.get("state")!;
      const callback = fetch(`${h.server.url}/oauth/callback?code=c0de&state=${state}`).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
      await held.received;
      expect((await h.call("DELETE", `${CONNECTORS}/${id}`, ws.token)).body.status).toBe("revoked");
      held.release();
      const answered = await callback;
      expect(answered).toMatchObject({ status: 409, body: { error: { code: "E_REVOKED" } } });
      const stored = await h.store.getAccount(ws.id, id);
      expect(stored).toMatchObject({ status: "revoked", credentials: null });
    } finally {
      held.close();
      h.config.upstream!.harvest = { ...h.config.upstream!.harvest, tokenUrl: h.sandbox.connectors.harvest!.tokenUrl };
    }
  });

  it.runIf(backend.name === "postgres")("holds the workspace request limit across replicas (counted in the database)", async () => {
    // Three replicas at 3 requests a minute each: 8 requests in turn fit in each one's own count (3, 3, 2), so only a
    // shared count refuses; the 8 span at most two of the minute windows, so at most 6 are let through.
    const coordinators = await Promise.all([1, 2, 3].map(() => new PostgresCoordinator({ connectionString: backend.database.replace(/\?schema=.*/, ""), schema: new URL(backend.database).searchParams.get("schema")! }).start()));
    const replicas = await Promise.all(coordinators.map((requestWindows) => startServer({ config: sandboxConfig(h.sandbox, { masterKey: h.config.masterKey, rateLimitPerMinute: 3, requestWindows }), store: h.store, port: 0 })));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await client(replicas[i % 3]!)("GET", CONNECTORS, ws.token)).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(6);
    } finally {
      for (const replica of replicas) await replica.close();
      for (const coordinator of coordinators) await coordinator.close();
    }
  });
});
