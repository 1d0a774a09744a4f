/**
 * The third connector (test/fixtures/connectors/tally: a YAML file and an msw sandbox; nothing in src/ names it) through
 * every face, with only the package's public entry points: the agent tool and its scope; the hosted API embedded with
 * ServerConfig.connectorsDir (OAuth connect with the manifest's account discovery, scope, audit redaction, nothing
 * secret stored in the clear) and run by `connectors serve --connectors-dir`; and the MCP server.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, ScopeError } from "../../src/index.js";
import { ConnectorsMcpServer } from "../../src/mcp/index.js";
import { createApp, openHosted, type Hosted } from "../../src/server/index.js";
import { createSandbox, mockDispatcher, sandboxCredentials, startSandbox } from "../../src/testing.js";
import type { TallySandbox } from "../fixtures/connectors/tally/sandbox.js";
import { inMemoryClient, text } from "../mcp/clients.js";
import { startServe } from "../reliability/processes.js";
import { THIRD } from "./third-connector.js";

const ADMIN = "admin-token-for-the-third-connector";
const PUBLIC_URL = "https://connectors.example";
const CONNECTORS = "/api/v1/integrations/connectors";
const credentials = sandboxCredentials(THIRD.name);
/** Every secret the sandbox hands out or accepts: none may be stored or shown in the clear. */
const SECRETS = /tally-sandbox-key|tally-client-secret|tally-(access|refresh)-|tally-sandbox-refresh|tally-code-/;

const newSandbox = () => createSandbox(THIRD.name) as TallySandbox;
const sessionsSeen = (sandbox: TallySandbox) => sandbox.seen.filter((request) => request.path.startsWith("/v1/sessions"));

describe("the agent tool on the third connector", () => {
  const sandbox = newSandbox();
  const scoped = connect(THIRD.name, {
    connectorsDir: THIRD.dir,
    dispatcher: mockDispatcher(sandbox.handlers),
    credentials: credentials.api_key,
    allow: ["sessions.list", "sessions.get"],
  });

  it("describes only the actions in scope and runs them", async () => {
    const tool = scoped.tool();
    expect(tool.description).toContain("This tool is limited to the actions listed below.");
    expect(tool.description).toMatch(/^sessions: .*\n {2}list\([^)]*\) get\(id\*\)$/m);
    expect(tool.description).not.toMatch(/^workspaces: |create\(|delete\(/m);
    const answer = JSON.parse(await tool.invoke({ entity: "sessions", action: "get", params: { id: 3 } }));
    expect(answer.data).toMatchObject({ id: 3, day: "2026-06-03" });
    expect(sessionsSeen(sandbox).at(-1)).toEqual({ authorization: "Key tally-sandbox-key", workspace: "acme-tally", path: "/v1/sessions/3" });
  });

  it("refuses an action out of scope with E_SCOPE before sending anything, as the library does", async () => {
    const sent = sandbox.seen.length;
    const refusal = await scoped.tool().invoke({ entity: "sessions", action: "delete", params: { id: 3 } });
    expect(refusal).toMatch(/^Error E_SCOPE: tally sessions\.delete is out of scope \(.*\); nothing was sent; sessions actions in scope: list, get\n/);
    await expect(scoped.execute("sessions", "delete", { id: 3 })).rejects.toBeInstanceOf(ScopeError);
    const readOnly = connect(THIRD.name, { connectorsDir: THIRD.dir, dispatcher: mockDispatcher(sandbox.handlers), credentials: credentials.api_key, readOnly: true });
    expect(await readOnly.tool().invoke({ entity: "sessions", action: "create", params: { day: "2026-06-30", minutes: 30 } })).toMatch(/^Error E_SCOPE: .*read-only/);
    expect(sandbox.seen.length).toBe(sent);
  });
});

/** The hosted API in process on a fresh SQLite file, serving the fixture's connectors directory; tally's upstream is its sandbox. */
async function hostedWithTally() {
  const dir = mkdtempSync(join(tmpdir(), "connectors-third-"));
  const file = join(dir, "connectors.db");
  const env = { CONNECTORS_MASTER_KEY: randomBytes(32).toString("base64"), CONNECTORS_ADMIN_TOKEN: ADMIN };
  const hosted: Hosted = await openHosted(`sqlite:${file}`, env, { connectorsDir: THIRD.dir, publicUrl: PUBLIC_URL });
  const sandbox = newSandbox();
  hosted.services.config.upstream = { [THIRD.name]: { dispatcher: mockDispatcher(sandbox.handlers), rateLimit: false, retries: 0 } };
  const app = createApp(hosted.services);
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { "Content-Type": "application/json" } : {}) };
    const response = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = await response.text();
    return { status: response.status, text: answer, body: JSON.parse(answer) };
  };
  // The WAL holds the recent writes not yet checkpointed into the main file.
  const dump = () => [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString("latin1")).join("\n");
  const close = async () => {
    await hosted.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { sandbox, call, dump, close };
}

describe("the hosted API serving the third connector from ServerConfig.connectorsDir", () => {
  let api: Awaited<ReturnType<typeof hostedWithTally>>;
  let token: string;
  const execute = (id: string, entity: string, action: string, params: object = {}) => api.call("POST", `${CONNECTORS}/${id}/execute`, token, { entity, action, params });
  const connectAccount = async (fields: object) => {
    const created = await api.call("POST", CONNECTORS, token, { connector_type: THIRD.name, name: "Tally", user_id: "alice", ...fields });
    expect(created.status, created.text).toBe(201);
    return created.body as { id: string; status: string; auth_variant: string; allowed: Record<string, string[]> };
  };

  beforeAll(async () => {
    api = await hostedWithTally();
    token = (await api.call("POST", "/api/v1/workspaces", ADMIN, { name: "Acme" })).body.token;
  });
  afterAll(() => api?.close());

  it("connects by OAuth: the workspace comes from the manifest's account_discovery, then calls carry it", async () => {
    const { client_id, client_secret } = credentials.oauth!;
    const pending = await connectAccount({ credentials: { client_id, client_secret } });
    expect(pending).toMatchObject({ status: "pending", auth_variant: "oauth", allowed: { workspaces: ["list"], sessions: ["list", "get", "create", "delete"] } });
    const started = await api.call("POST", `${CONNECTORS}/${pending.id}/oauth/start`, token);
    const authorize = new URL(started.body.authorize_url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe("https://id.tally.test/oauth/authorize");
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id, response_type: "code", redirect_uri: `${PUBLIC_URL}/oauth/callback` });

    // The sandbox's issueCode() stands in for the consent page the user's browser would visit.
    const query = new URLSearchParams({ code: api.sandbox.issueCode(), state: authorize.searchParams.get("state")! });
    const done = await api.call("GET", `/oauth/callback?${query}`);
    expect(done).toMatchObject({ status: 200, body: { id: pending.id, status: "active" } });

    const listed = await execute(pending.id, "sessions", "list", { count: 2 });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.result.data.map((s: { id: number }) => s.id)).toEqual([1, 2]);
    // Of two workspaces the token reaches, the one whose kind is tally (where: { kind: tally }), by its slug.
    expect(sessionsSeen(api.sandbox).at(-1)).toEqual({ authorization: expect.stringMatching(/^Bearer tally-access-\d+$/), workspace: "acme-tally", path: "/v1/sessions" });
  });

  it("refuses an action outside the account's scopes with 403 E_SCOPE, sending nothing", async () => {
    const account = await connectAccount({ credentials: credentials.api_key, scopes: ["sessions.list", "sessions.get"] });
    expect(account).toMatchObject({ status: "active", auth_variant: "api_key", allowed: { sessions: ["list", "get"] } });
    const sent = api.sandbox.seen.length;
    const refused = await execute(account.id, "sessions", "delete", { id: 3 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("E_SCOPE");
    expect(api.sandbox.seen.length).toBe(sent);
  });

  it("keeps ids, dates and numbers in audit rows, redacts free text and secret-named params, and stores no secret in the clear", async () => {
    const account = await connectAccount({ credentials: credentials.api_key });
    expect((await execute(account.id, "sessions", "get", { id: 3 })).status).toBe(200);
    const note = "Quarterly review with the client's CFO";
    expect((await execute(account.id, "sessions", "create", { day: "2026-06-30", minutes: 45, note })).status).toBe(200);
    // Not a param of the action (refused before sending), and named like one of the manifest's secret fields.
    const refused = await execute(account.id, "sessions", "list", { day: "2026-06-01", refresh_token: credentials.oauth!.refresh_token, api_key: credentials.api_key!.api_key });
    expect(refused.body.error.code).toBe("E_VALIDATION");

    const audit = await api.call("GET", `/api/v1/audit?connector_id=${account.id}`, token);
    expect(audit.body.data.map((row: { action: string; outcome: string; params: unknown }) => [row.action, row.outcome, row.params])).toEqual([
      ["get", "ok", { id: 3 }],
      ["create", "ok", { day: "2026-06-30", minutes: 45, note: "[redacted]" }],
      ["list", "E_VALIDATION", { day: "2026-06-01", refresh_token: "[redacted]", api_key: "[redacted]" }],
    ]);
    const everything = (await api.call("GET", "/api/v1/audit", token)).text;
    expect(everything).not.toMatch(SECRETS);
    expect(everything).not.toContain(note);
    expect(api.dump()).toContain("sessions");
    expect(api.dump()).not.toMatch(SECRETS);
    expect(api.dump()).not.toContain(note);
  });
});

describe("the MCP server given the third connector's manifest", () => {
  it("lists its tools and runs a call on its sandbox", async () => {
    const sandbox = newSandbox();
    const manifest = connect(THIRD.name, { connectorsDir: THIRD.dir }).manifest;
    const user = { connectors: { [THIRD.name]: { dispatcher: mockDispatcher(sandbox.handlers), credentials: credentials.api_key } } };
    const client = await inMemoryClient(new ConnectorsMcpServer({ connectors: ["harvest", manifest] }), user);
    try {
      const { tools } = await client.listTools();
      // A user sees only the connectors they have: here tally alone.
      expect(tools.map((tool) => tool.name)).toEqual(["tally_execute", "tally_describe"]);
      expect(tools[0]!.description).toBe(connect(manifest).tool().description);
      const result = await client.callTool({ name: "tally_execute", arguments: { entity: "sessions", action: "get", params: { id: 5 } } });
      expect(result.isError).toBeUndefined();
      expect(JSON.parse(text(result)).data).toMatchObject({ id: 5 });
      const described = await client.callTool({ name: "tally_describe", arguments: { entity: "workspaces" } });
      expect(JSON.parse(text(described))).toMatchObject({ entity: "workspaces", actions: { list: { annotations: { read_only: true } } } });
    } finally {
      await client.close();
    }
  });
});

describe("`connectors serve --connectors-dir`", () => {
  it("serves the third connector beside the bundled ones", async () => {
    const sandbox = await startSandbox();
    const dir = mkdtempSync(join(tmpdir(), "connectors-serve-"));
    const env = {
      ...process.env,
      CONNECTORS_MASTER_KEY: randomBytes(32).toString("base64"),
      CONNECTORS_ADMIN_TOKEN: ADMIN,
      CONNECTORS_TALLY_BASE_URL: sandbox.connectors[THIRD.name]!.baseUrl,
    };
    const child = await startServe(`sqlite:${join(dir, "connectors.db")}`, env, ["--connectors-dir", THIRD.dir]);
    try {
      const call = async (path: string, bearer: string, body: unknown) => {
        const response = await fetch(child.url + path, { method: "POST", headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
        return { status: response.status, body: await response.json() };
      };
      const { token: workspace } = (await call("/api/v1/workspaces", ADMIN, { name: "Acme" })).body;
      const account = await call(CONNECTORS, workspace, { connector_type: THIRD.name, name: "Tally", user_id: "alice", credentials: credentials.api_key });
      expect(account).toMatchObject({ status: 201, body: { status: "active" } });
      const got = await call(`${CONNECTORS}/${account.body.id}/execute`, workspace, { entity: "sessions", action: "get", params: { id: 7 } });
      expect(got).toMatchObject({ status: 200, body: { result: { data: { id: 7 } } } });
      const bundled = await call(CONNECTORS, workspace, { connector_type: "harvest", name: "Harvest", user_id: "alice", credentials: { token: "t", account_id: "1" } });
      expect(bundled.status).toBe(201);
    } finally {
      await child.stop();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start on a directory without connectors, or with a broken manifest, saying where", async () => {
    const dir = mkdtempSync(join(tmpdir(), "connectors-none-"));
    const open = () => openHosted("sqlite::memory:", { CONNECTORS_MASTER_KEY: randomBytes(32).toString("base64") }, { connectorsDir: dir });
    try {
      await expect(open()).rejects.toThrow(/--connectors-dir .* holds no connector: put each in <dir>\/<name>\/connector.yaml/);
      mkdirSync(join(dir, "broken"));
      writeFileSync(join(dir, "broken", "connector.yaml"), "name: broken\ntitle: Broken\nbase_url: 42\n");
      await expect(open()).rejects.toThrow(/broken\/connector\.yaml:3:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
