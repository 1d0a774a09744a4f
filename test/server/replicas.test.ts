/**
 * Several replicas on one PostgreSQL database: the PostgresCoordinator alone (two pools, as two processes would
 * have), then two `connectors serve` processes sharing one account's OAuth refresh and rate window.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresCoordinator, sqlKey } from "../../src/server/coordination/postgres.js";
import { SANDBOX_ACCOUNT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_PERSONAL_ACCESS_TOKEN, SANDBOX_REFRESH_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";
import { ADMIN_TOKEN, findPostgres } from "./harness.js";

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const CONNECTORS = "/api/v1/integrations/connectors";

const found = await findPostgres();
// This run's own schema, dropped at the end.
const schema = `connectors_replicas_${process.pid}_${randomBytes(4).toString("hex")}`;

async function dropSchema() {
  if (!found.url) return;
  const client = new pg.Client({ connectionString: found.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

describe.skipIf(!found.url)("replicas on one PostgreSQL database", () => {
  afterAll(() => dropSchema());

  describe("PostgresCoordinator, two pools as two processes", () => {
    let a: PostgresCoordinator;
    let b: PostgresCoordinator;
    beforeAll(async () => {
      // Started together: the table creation takes turns.
      [a, b] = await Promise.all([
        new PostgresCoordinator({ connectionString: found.url!, schema }).start(),
        new PostgresCoordinator({ connectionString: found.url!, schema }).start(),
      ]);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it("shares one sliding window: the fourth of six requests waits for the first to leave it", async () => {
      const key = "harvest\0unit-window\0default";
      const limit = { requests: 3, perSeconds: 1 };
      const started = Date.now();
      const granted = await Promise.all(
        [a, b, a, b, a, b].map(async (c) => {
          const done = await c.window(key, limit).acquire();
          const at = Date.now() - started;
          done();
          return at;
        }),
      );
      granted.sort((x, y) => x - y);
      expect(granted.slice(0, 3).every((t) => t < 500)).toBe(true);
      expect(granted.slice(3).every((t) => t >= 990)).toBe(true);
    });

    it("gives up waiting when the caller's signal aborts", async () => {
      const key = "harvest\0unit-abort\0default";
      const limit = { requests: 1, perSeconds: 30 };
      (await a.window(key, limit).acquire())();
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("caller went away")), 100);
      await expect(b.window(key, limit).acquire(controller.signal)).rejects.toThrow("caller went away");
    });

    it("holds every process's callers while one of them was told to wait (429 Retry-After)", async () => {
      const key = "harvest\0unit-pause\0default";
      const limit = { requests: 100, perSeconds: 1 };
      a.window(key, limit).pause(600);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      (await b.window(key, limit).acquire())();
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    });

    it("runs one exclusive section per key at a time across processes, other keys alongside", async () => {
      let inside = 0;
      let most = 0;
      const section = (c: PostgresCoordinator, key: string) =>
        c.exclusive(key, async () => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 60));
          inside--;
          return key;
        });
      const started = Date.now();
      const keys = await Promise.all([a, b, a, b].map((c) => section(c, "harvest\0account-x")));
      expect(keys).toEqual(Array(4).fill("harvest\0account-x"));
      expect(most).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 60 - 10);

      most = 0;
      await Promise.all([section(a, "harvest\0account-y"), section(b, "harvest\0account-z")]);
      expect(most).toBe(2);
      // A failing section releases its lock.
      await expect(a.exclusive("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      await expect(b.exclusive("k", async () => "free")).resolves.toBe("free");
    });

    it("escapes NUL separators one to one", () => {
      expect(sqlKey("a\0b")).not.toContain("\0");
      expect(sqlKey("a\0b")).not.toBe(sqlKey("a\\0b"));
    });
  });

  describe("two `connectors serve` processes", () => {
    let sandbox: SandboxServer;
    const servers: { process: ChildProcess; url: string }[] = [];
    let token: string;
    let oauthAccount: string;
    let patAccount: string;

    const call = async (url: string, method: string, path: string, bearer: string, body?: unknown) => {
      const response = await fetch(url + path, {
        method,
        headers: { Authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    };

    const startReplica = (env: NodeJS.ProcessEnv) =>
      new Promise<{ process: ChildProcess; url: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--database", `${found.url}?schema=${schema}`], { env, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        // Known at once, so afterAll stops it even when the other replica fails to start.
        servers.push({ process: child, url: "" });
        child.stderr!.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
          if (url) resolve({ process: child, url });
        });
        child.once("exit", (code) => reject(new Error(`connectors serve exited with ${code}: ${stderr}`)));
      });

    beforeAll(async () => {
      // Harvest's own pacing, scaled down: 5 requests per second per token, and the servers told the same.
      sandbox = await startSandbox({ harvest: { rateLimit: { requests: 5, perSeconds: 1 } } });
      const info = sandbox.connectors.harvest!;
      const { CONNECTORS_RATE_LIMIT: _off, ...inherited } = process.env;
      const env = {
        ...inherited,
        CONNECTORS_MASTER_KEY: randomBytes(32).toString("base64"),
        CONNECTORS_ADMIN_TOKEN: ADMIN_TOKEN,
        CONNECTORS_HARVEST_BASE_URL: info.baseUrl,
        CONNECTORS_HARVEST_TOKEN_URL: info.tokenUrl,
        CONNECTORS_HARVEST_ID_BASE_URL: info.hosts!.id,
        CONNECTORS_HARVEST_RATE_LIMIT: "5/1",
      };
      // Started together, as replicas behind a load balancer would be.
      const started = await Promise.all([startReplica(env), startReplica(env)]);
      servers.splice(0, servers.length, ...started);
      const workspace = await call(servers[0]!.url, "POST", "/api/v1/workspaces", ADMIN_TOKEN, { name: "Acme" });
      expect(workspace.status).toBe(201);
      token = workspace.body.token;
      const oauth = { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, refresh_token: SANDBOX_REFRESH_TOKEN, account_id: SANDBOX_ACCOUNT_ID };
      const connected = await call(servers[1]!.url, "POST", CONNECTORS, token, { connector_type: "harvest", name: "Harvest", user_id: "alice", auth_variant: "oauth2", credentials: oauth });
      expect(connected.status).toBe(201);
      oauthAccount = connected.body.id;
      const pat = await call(servers[0]!.url, "POST", CONNECTORS, token, {
        connector_type: "harvest",
        name: "Harvest",
        user_id: "bob",
        credentials: { token: SANDBOX_PERSONAL_ACCESS_TOKEN, account_id: SANDBOX_ACCOUNT_ID },
      });
      expect(pat.status).toBe(201);
      patAccount = pat.body.id;
    }, 20_000);

    afterAll(async () => {
      await Promise.all(
        servers.map(({ process: child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : (child.once("exit", resolve), child.kill("SIGTERM"))))),
      );
      await sandbox?.close();
    });

    const executeThroughBoth = (account: string, n: number, entity: string, action: string) =>
      Promise.all(Array.from({ length: n }, (_, i) => call(servers[i % 2]!.url, "POST", `${CONNECTORS}/${account}/execute`, token, { entity, action })));

    it("refresh one account's OAuth token once between them", async () => {
      const responses = await executeThroughBoth(oauthAccount, 10, "users", "me");
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(sandbox.harvest.stats.tokenRequests).toBe(1);
      // And no call was refused and sent again.
      expect(sandbox.harvest.stats.requestLog.filter((r) => r.host === "api" && r.path === "/users/me")).toHaveLength(10);
    });

    it("keep one account under its limit together: 15 calls at 5 per second, no 429, no retry", async () => {
      const before = sandbox.harvest.stats.requestLog.length;
      const started = Date.now();
      const responses = await executeThroughBoth(patAccount, 15, "company", "get");
      const elapsed = Date.now() - started;
      expect(responses.map((r) => r.status)).toEqual(Array(15).fill(200));
      expect(sandbox.harvest.stats.requestLog.slice(before).filter((r) => r.host === "api")).toHaveLength(15);
      // Five now, five once the first five are a second old, five a second after those.
      expect(elapsed).toBeGreaterThanOrEqual(2000);
    });
  });
});

if (!found.url) {
  // Said out loud, so a green run on a machine without PostgreSQL does not pass for a full one.
  console.warn(`SKIPPED: test/server/replicas.test.ts: ${found.reason}`);
  it.skip(`needs PostgreSQL: ${found.reason}`, () => {});
}
