/** The SQLite file outlives the server; the master key is required and must be the one that sealed the store. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "../../src/server/config.js";
import { startServer } from "../../src/server/server.js";
import { SANDBOX_ACCOUNT_ID, SANDBOX_PERSONAL_ACCESS_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import { createWorkspace, newMasterKey, sqliteBackend, startHarness } from "./harness.js";

const CONNECTORS = "/api/v1/integrations/connectors";
const backend = sqliteBackend();
const key = newMasterKey();

afterAll(() => backend.cleanup());

describe("restart on the same SQLite file", () => {
  let workspace: { id: string; token: string };
  let account: string;

  beforeAll(async () => {
    const first = await startHarness(backend, { masterKey: key });
    workspace = await createWorkspace(first.call, "Acme");
    const created = await first.call("POST", CONNECTORS, workspace.token, {
      connector_type: "harvest",
      name: "Harvest",
      user_id: "alice",
      credentials: { token: SANDBOX_PERSONAL_ACCESS_TOKEN, account_id: SANDBOX_ACCOUNT_ID },
    });
    account = created.body.id;
    expect((await first.call("POST", `${CONNECTORS}/${account}/execute`, workspace.token, { entity: "users", action: "me" })).status).toBe(200);
    await first.close();
  });

  it("keeps workspaces, accounts, credentials and audit rows", async () => {
    const again = await startHarness(backend, { masterKey: key });
    try {
      expect((await again.call("GET", CONNECTORS, workspace.token)).body.data.map((x: { id: string }) => x.id)).toEqual([account]);
      expect((await again.call("POST", `${CONNECTORS}/${account}/execute`, workspace.token, { entity: "users", action: "me" })).status).toBe(200);
      const audit = (await again.call("GET", "/api/v1/audit", workspace.token)).body.data;
      expect(audit.map((r: { outcome: string }) => r.outcome)).toEqual(["ok", "ok"]);
    } finally {
      await again.close();
    }
  });

  it("refuses to start with another master key, saying which key the store needs", async () => {
    const store = await backend.open();
    try {
      const other = newMasterKey();
      await expect(startServer({ config: { masterKey: other }, store, port: 0 })).rejects.toThrow(
        new RegExp(`key ${other.id}\\) is not the key the stored credentials are sealed with \\(key ${key.id}\\)`),
      );
    } finally {
      await store.close();
    }
  });
});

describe("the master key", () => {
  it("is required: configFromEnv says so", () => {
    expect(() => configFromEnv({})).toThrow(/CONNECTORS_MASTER_KEY is not set/);
    expect(() => configFromEnv({ CONNECTORS_MASTER_KEY: "short" })).toThrow(/32 random bytes in base64/);
    expect(configFromEnv({ CONNECTORS_MASTER_KEY: Buffer.alloc(32, 7).toString("base64"), CONNECTORS_ADMIN_TOKEN: "t" })).toMatchObject({ adminToken: "t" });
  });

  it("comes with the operator's other settings, each checked: the scripts a server runs at once", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(configFromEnv({ CONNECTORS_MASTER_KEY: key, CONNECTORS_MAX_SCRIPTS: "4" })).toMatchObject({ maxScripts: 4 });
    expect(() => configFromEnv({ CONNECTORS_MASTER_KEY: key, CONNECTORS_MAX_SCRIPTS: "none" })).toThrow(/CONNECTORS_MAX_SCRIPTS must be a positive number/);
  });

  it("is required by `connectors serve`, which exits saying so", async () => {
    const env = { ...process.env, CONNECTORS_MASTER_KEY: "" };
    const run = promisify(execFile)(process.execPath, ["dist/cli/main.js", "serve", "--port", "0", "--database", "sqlite::memory:"], { env });
    const failure = await run.then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/CONNECTORS_MASTER_KEY is not set/);
  });
});

describe("per-workspace rate limit", () => {
  it("answers 429 with Retry-After past the limit, for that workspace only", async () => {
    const h = await startHarness(sqliteBackend(), { rateLimitPerMinute: 3 });
    try {
      const a = await createWorkspace(h.call, "A");
      const b = await createWorkspace(h.call, "B");
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await h.call("GET", CONNECTORS, a.token)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await h.call("GET", "/api/v1/audit", a.token);
      expect(limited.body.error.code).toBe("E_RATE_LIMIT");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await h.call("GET", CONNECTORS, b.token)).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

