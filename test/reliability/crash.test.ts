/**
 * Crash safety, on SQLite and PostgreSQL: `connectors serve` is killed with SIGKILL (kill -9) while executes are in
 * flight, then started again on the same store. Promises: every execute that got a 2xx before the kill has its audit
 * row (a row is written before the answer is sent), and every connected account is still there and still works.
 */
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, postgresBackend, sqliteBackend, type Backend, skipUnavailable } from "../server/harness.js";
import { childEnv, startServe, type Child } from "./processes.js";
import { inPool, reportFigures, SCALE } from "./scale.js";
import { startTenantUpstream, type TenantUpstream } from "./upstream.js";

const backends: Backend[] = [sqliteBackend(), await postgresBackend()];
const CONNECTORS = "/api/v1/integrations/connectors";
const ACCOUNTS = 10;

describe.each(backends)("kill -9 of `connectors serve` under load on $name", (backend) => {
  if (skipUnavailable(backend, "test/reliability/crash.test.ts")) return;
  let upstream: TenantUpstream;
  let serve: Child | undefined;
  afterAll(async () => {
    await serve?.stop();
    await upstream?.close();
    await backend.cleanup();
  });

  const call = async (base: string, method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(base + path, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("keeps an audit row for every 2xx execute and every account", async () => {
    upstream = await startTenantUpstream();
    const env = childEnv(upstream.baseUrl);
    serve = await startServe(backend.database, env);
    const base = serve.url;
    const workspace = (await call(base, "POST", "/api/v1/workspaces", ADMIN_TOKEN, { name: "Crash" })).body;
    const accounts: { id: string; number: number }[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const tenant = upstream.tenant(`crash-u${String(i).padStart(3, "0")}`);
      const created = await call(base, "POST", CONNECTORS, workspace.token, { connector_type: "harvest", name: "H", user_id: tenant.owner, credentials: { token: tenant.token, account_id: tenant.account_id } });
      accounts.push({ id: created.body.id, number: Number(tenant.account_id) });
    }

    // Each execute names a unique id (kept by the audit's redaction), so a 2xx can be matched to its row.
    const ok = new Set<number>();
    let failed = 0;
    const killAfter = Math.floor(SCALE.crashCalls / 2);
    const victim = serve;
    await inPool(Array.from({ length: SCALE.crashCalls }, (_, i) => i), 16, async (i) => {
      const account = accounts[i % ACCOUNTS]!;
      const id = 1_000_000_000 + i;
      try {
        const answer = await call(base, "POST", `${CONNECTORS}/${account.id}/execute`, workspace.token, { entity: "users", action: "get", params: { id } });
        if (answer.status === 200) ok.add(id);
      } catch {
        failed++;
      }
      if (ok.size + failed === killAfter) await victim.kill9();
    });
    expect(victim.process.signalCode).toBe("SIGKILL");
    expect(ok.size).toBeGreaterThanOrEqual(killAfter - 16);
    expect(failed).toBeGreaterThan(0);

    serve = await startServe(backend.database, env);
    const listed = await call(serve.url, "GET", CONNECTORS, workspace.token);
    expect(listed.body.data.map((a: { id: string }) => a.id).sort()).toEqual(accounts.map((a) => a.id).sort());
    const audited = new Set<number>();
    for (let cursor: string | null = ""; cursor !== null; ) {
      const page = await call(serve.url, "GET", `/api/v1/audit?limit=1000${cursor ? `&cursor=${cursor}` : ""}`, workspace.token);
      for (const row of page.body.data) if (row.outcome === "ok") audited.add(row.params.id);
      cursor = page.body.next;
    }
    expect([...ok].filter((id) => !audited.has(id))).toEqual([]);
    for (const account of accounts.slice(0, 3))
      expect((await call(serve.url, "POST", `${CONNECTORS}/${account.id}/execute`, workspace.token, { entity: "users", action: "get", params: { id: account.number } })).status).toBe(200);
    reportFigures(`crash (${backend.name})`, { executes_sent: SCALE.crashCalls, answered_2xx_before_kill: ok.size, cut_by_the_kill: failed, audit_rows_found_for_2xx: ok.size, accounts_kept: accounts.length });
  }, 120_000);
});
