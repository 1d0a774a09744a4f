/** Shared set-up for the hosted API tests: the two stores, the sandbox, a running server and a small client. */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { it } from "vitest";
import { masterKey } from "../../src/credentials/cipher.js";
import type { ServerConfig } from "../../src/server/config.js";
import { startServer, type RunningServer } from "../../src/server/server.js";
import { openStore } from "../../src/server/store/open.js";
import type { Store } from "../../src/server/store/types.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

export const ADMIN_TOKEN = "admin-token-for-tests-0123456789";
export const newMasterKey = () => masterKey(randomBytes(32));

export interface Backend {
  name: string;
  /** Why the backend cannot run here, when it cannot. */
  unavailable?: string;
  /** The --database URL of the backend's database. */
  database: string;
  /** A store on the backend's database (the same database every time within one backend). */
  open(): Promise<Store>;
  /** Every byte the backend holds, as text, to look for secrets in. */
  dump(): Promise<string>;
  cleanup(): Promise<void>;
}

/**
 * Inside a describe.each over the backends: for one that cannot run here, a skipped test that says why, also said
 * out loud so a green run on a machine without PostgreSQL does not pass for a full one. True when skipped.
 */
export function skipUnavailable(backend: Backend, testFile: string): boolean {
  if (!backend.unavailable) return false;
  console.warn(`SKIPPED: the ${backend.name} half of ${testFile}: ${backend.unavailable}`);
  it.skip(`needs ${backend.name}: ${backend.unavailable}`, () => {});
  return true;
}

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), "connectors-server-"));
  const file = join(dir, "connectors.db");
  return {
    name: "sqlite",
    database: `sqlite:${file}`,
    open: () => openStore(`sqlite:${file}`),
    // The WAL holds recent writes not yet checkpointed into the main file.
    dump: async () => [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString("latin1")).join("\n"),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** PostgreSQL at 127.0.0.1:5432, database test, trust auth: the first user that connects. */
export async function findPostgres(): Promise<{ url?: string; reason?: string }> {
  const users = [...new Set([process.env.PGUSER, "postgres", "root"].filter(Boolean))] as string[];
  let reason = "";
  for (const user of users) {
    const url = `postgres://${user}@127.0.0.1:5432/test`;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return { url };
    } catch (error) {
      reason = (error as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return { reason: `PostgreSQL is not reachable at 127.0.0.1:5432/test (users ${users.join(", ")}): ${reason}` };
}

export async function postgresBackend(): Promise<Backend> {
  const found = await findPostgres();
  // Each run in its own schema, dropped at the end, so concurrent runs never see each other's rows.
  const schema = `connectors_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = () => new pg.Client({ connectionString: found.url });
  const withClient = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = admin();
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const database = `${found.url}?schema=${schema}`;
  return {
    name: "postgres",
    unavailable: found.reason,
    database,
    open: () => openStore(database),
    dump: () =>
      withClient(async (client) => {
        const parts: string[] = [];
        // Every table of the schema: the store's and the replica coordinator's.
        const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema]);
        for (const { table_name } of tables.rows) parts.push(JSON.stringify((await client.query(`SELECT * FROM ${schema}."${table_name}"`)).rows));
        return parts.join("\n");
      }),
    cleanup: async () => {
      if (found.url) await withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

/** Server settings pointing every connector at the sandbox, without client-side pacing (tests send bursts). */
export function sandboxConfig(sandbox: SandboxServer, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const upstream: ServerConfig["upstream"] = {};
  for (const [name, info] of Object.entries(sandbox.connectors))
    upstream[name] = { baseUrl: info.baseUrl, hosts: info.hosts, tokenUrl: info.tokenUrl, rateLimit: false, retries: 0 };
  return { masterKey: newMasterKey(), adminToken: ADMIN_TOKEN, upstream, ...overrides };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** A JSON client for one server; `body` may be a string to send as is. */
export function client(server: RunningServer) {
  return async function call(method: string, path: string, token?: string, body?: unknown): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
}

export type Call = ReturnType<typeof client>;

export interface Harness {
  sandbox: SandboxServer;
  store: Store;
  server: RunningServer;
  config: ServerConfig;
  call: Call;
  close(): Promise<void>;
}

export async function startHarness(backend: Backend, overrides: Partial<ServerConfig> = {}): Promise<Harness> {
  const sandbox = await startSandbox({ harvest: { rateLimit: false } });
  const config = sandboxConfig(sandbox, overrides);
  const store = await backend.open();
  const server = await startServer({ config, store, port: 0 });
  return {
    sandbox,
    store,
    server,
    config,
    call: client(server),
    close: async () => {
      await server.close();
      await store.close();
      await sandbox.close();
    },
  };
}

/**
 * A harness whose OAuth flow a browser (or a test acting as one) can follow: redirects come back to this server, known
 * only once it listens (the routes read the config at each request), and consent goes to the sandbox, not Harvest ID.
 */
export async function startOAuthHarness(backend: Backend, overrides: Partial<ServerConfig> = {}): Promise<Harness> {
  const h = await startHarness(backend, overrides);
  h.config.publicUrl = h.server.url;
  h.config.env = { CONNECTORS_HARVEST_AUTHORIZE_URL: `${h.sandbox.url}/harvest-id/oauth2/authorize` };
  return h;
}

export async function createWorkspace(call: Call, name: string): Promise<{ id: string; token: string }> {
  const response = await call("POST", "/api/v1/workspaces", ADMIN_TOKEN, { name });
  if (response.status !== 201) throw new Error(`workspace: ${response.status} ${response.text}`);
  return response.body;
}
