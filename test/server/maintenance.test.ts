/** Operating a store on both backends: master key rotation (library and CLI) and audit pruning. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SANDBOX_ACCOUNT_ID, SANDBOX_PERSONAL_ACCESS_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import { startPruning } from "../../src/server/audit-pruning.js";
import { startServer } from "../../src/server/server.js";
import type { AuditRow, Store } from "../../src/server/store/types.js";
import { rotateMasterKey } from "../../src/server/vault-key.js";
import { createWorkspace, newMasterKey, postgresBackend, sqliteBackend, startHarness, type Backend, skipUnavailable } from "./harness.js";

const backends: Backend[] = [sqliteBackend(), await postgresBackend()];
const CONNECTORS = "/api/v1/integrations/connectors";
const pat = { token: SANDBOX_PERSONAL_ACCESS_TOKEN, account_id: SANDBOX_ACCOUNT_ID };
const keyText = (key: { bytes: Buffer }) => key.bytes.toString("base64");

const auditRow = (workspace: string, time: string): Omit<AuditRow, "id"> => ({
  time,
  workspace_id: workspace,
  user_id: "alice",
  connector_id: "conn_x",
  connector_type: "harvest",
  entity: "users",
  action: "me",
  outcome: "ok",
  upstream_status: 200,
  duration_ms: 1,
  cost: null,
  reason: null,
  params: {},
});

describe.each(backends)("store maintenance on $name", (backend) => {
  if (skipUnavailable(backend, "test/server/maintenance.test.ts")) return;
  afterAll(() => backend.cleanup());

  describe("master key rotation", () => {
    const oldKey = newMasterKey();
    const newKey = newMasterKey();
    let ws: { id: string; token: string };
    let accounts: string[];

    beforeAll(async () => {
      const h = await startHarness(backend, { masterKey: oldKey });
      ws = await createWorkspace(h.call, "Acme");
      accounts = [];
      for (const user of ["alice", "bob"])
        accounts.push((await h.call("POST", CONNECTORS, ws.token, { connector_type: "harvest", name: "H", user_id: user, credentials: pat })).body.id);
      await h.close();
    });

    it("refuses a wrong current key and changes nothing", async () => {
      const store = await backend.open();
      try {
        await expect(rotateMasterKey(store, newMasterKey(), newKey)).rejects.toThrow(/not the key the stored credentials are sealed with/);
        expect(await store.credentialKeyIds()).toEqual([oldKey.id]);
      } finally {
        await store.close();
      }
    });

    it("reseals every credential under the new key; the server then starts only with it", async () => {
      const store = await backend.open();
      try {
        expect(await rotateMasterKey(store, oldKey, newKey)).toEqual({ resealed: 2, failed: [] });
        expect(await store.credentialKeyIds()).toEqual([newKey.id]);
        expect(await store.vaultKeyId()).toBe(newKey.id);
        expect(await backend.dump()).not.toContain(oldKey.id);
        await expect(startServer({ config: { masterKey: oldKey }, store, port: 0 })).rejects.toThrow(`(key ${newKey.id})`);
      } finally {
        await store.close();
      }
      const h = await startHarness(backend, { masterKey: newKey });
      try {
        for (const id of accounts) expect((await h.call("POST", `${CONNECTORS}/${id}/execute`, ws.token, { entity: "users", action: "me" })).status).toBe(200);
      } finally {
        await h.close();
      }
    });

    it("runs as `connectors admin rotate-key`", async () => {
      const newer = newMasterKey();
      const env = { ...process.env, CONNECTORS_MASTER_KEY: keyText(newKey), CONNECTORS_NEW_MASTER_KEY: keyText(newer) };
      const { stderr } = await promisify(execFile)(process.execPath, ["dist/cli/main.js", "admin", "rotate-key", "--database", backend.database], { env });
      expect(stderr).toMatch(new RegExp(`Resealed 2 credential record\\(s\\) under key ${newer.id}`));
      const store = await backend.open();
      try {
        expect(await store.credentialKeyIds()).toEqual([newer.id]);
      } finally {
        await store.close();
      }
    });
  });

  describe("master key rotation with a damaged record", () => {
    it("reseals every other record, reports the damaged one (id, reason), sets it to needs_reauth and exits 1", async () => {
      // A store of its own: the other rotations already moved the shared one to their keys.
      const fresh = backend.name === "sqlite" ? sqliteBackend() : await postgresBackend();
      const oldKey = newMasterKey();
      const newKey = newMasterKey();
      const h = await startHarness(fresh, { masterKey: oldKey });
      const ws = await createWorkspace(h.call, "Damaged");
      const ids: string[] = [];
      for (const user of ["carol", "dan", "erin"])
        ids.push((await h.call("POST", CONNECTORS, ws.token, { connector_type: "harvest", name: "H", user_id: user, credentials: pat })).body.id);
      const damaged = (await h.store.getAccount(ws.id, ids[1]!))!;
      const tampered = { ...damaged.credentials!, ciphertext: Buffer.from("not what was sealed").toString("base64") };
      await h.store.updateAccount(ws.id, damaged.id, { credentials: tampered }, new Date().toISOString());
      await h.close();

      const env = { ...process.env, CONNECTORS_MASTER_KEY: keyText(oldKey), CONNECTORS_NEW_MASTER_KEY: keyText(newKey) };
      const failure = await promisify(execFile)(process.execPath, ["dist/cli/main.js", "admin", "rotate-key", "--database", fresh.database], { env }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(new RegExp(`1 record\\(s\\) could not be opened[\\s\\S]*${damaged.id}: .*integrity check`));
      expect(failure?.stderr).toMatch(/Resealed \d+ credential record/);

      const after = await startHarness(fresh, { masterKey: newKey });
      try {
        expect((await after.call("GET", `${CONNECTORS}/${damaged.id}`, ws.token)).body.status).toBe("needs_reauth");
        for (const id of [ids[0]!, ids[2]!]) expect((await after.call("POST", `${CONNECTORS}/${id}/execute`, ws.token, { entity: "users", action: "me" })).status).toBe(200);
        expect((await after.call("PATCH", `${CONNECTORS}/${damaged.id}`, ws.token, { credentials: pat })).body.status).toBe("active");
      } finally {
        await after.close();
        await fresh.cleanup();
      }
    });
  });

  describe("audit pruning", () => {
    it("deletes rows older than the retention at start, keeping the rest", async () => {
      const now = new Date("2026-07-01T00:00:00Z");
      const days = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
      const store = await backend.open();
      try {
        for (const age of [400, 31, 29, 1]) await store.insertAudit(auditRow("ws_prune", days(age)));
        const stop = await startPruning(store, 30, () => now);
        stop();
        const rows = await store.listAudit({ workspace_id: "ws_prune", limit: 10 });
        expect(rows.map((r) => r.time)).toEqual([days(29), days(1)]);
      } finally {
        await store.close();
      }
    });
  });
});

describe("the pruning timer", () => {
  afterEach(() => vi.useRealTimers());

  it("prunes at start and then hourly, with a 90-day default, until stopped", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const calls: string[] = [];
    const store = { prune: async (before: string) => void calls.push(before) } as unknown as Store;
    const now = new Date("2026-07-01T00:00:00Z");
    const stop = await startPruning(store, undefined, () => now);
    expect(calls).toEqual(["2026-04-02T00:00:00.000Z"]);
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(calls).toHaveLength(2);
    stop();
    await vi.advanceTimersByTimeAsync(3 * 60 * 60 * 1000);
    expect(calls).toHaveLength(2);
  });
});
