/**
 * The catalog, connect links and connect pages over HTTP on both stores (the browser tests drive the same pages in
 * Chromium): what a link may offer, how it opens once, CSRF, the test call before saving, reconnecting an account,
 * choosing among several upstream accounts after OAuth, and that neither a link nor a secret is stored in the clear.
 */
import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_API_KEY } from "../../src/sandbox/harvestapi/credentials.js";
import { SANDBOX_ACCOUNT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_PERSONAL_ACCESS_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import { createApp } from "../../src/server/app.js";
import { openStore } from "../../src/server/store/open.js";
import { hashToken } from "../../src/server/tokens.js";
import { Vault } from "../../src/server/vault.js";
import { THIRD } from "../contract/third-connector.js";
import { createWorkspace, newMasterKey, postgresBackend, sqliteBackend, startOAuthHarness, type Backend, type Harness, skipUnavailable } from "./harness.js";

const backends: Backend[] = [sqliteBackend(), await postgresBackend()];
const START = new Date("2026-07-01T12:00:00Z");

/** A browser's share of a connect page or the console: its cookies (path aside), and the page's CSRF token. */
class PageClient {
  private readonly jar = new Map<string, string>();
  constructor(private readonly base: string) {}

  get cookie() {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair!.split("=") as [string, string];
      if (value) this.jar.set(name, value);
      else this.jar.delete(name);
    }
  }

  async get(path: string) {
    const response = await fetch(path.startsWith("http") ? path : this.base + path, { headers: { cookie: this.cookie }, redirect: "manual" });
    this.keep(response);
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  async post(path: string, fields: Record<string, string>) {
    const response = await fetch(this.base + path, { method: "POST", headers: { cookie: this.cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields), redirect: "manual" });
    this.keep(response);
    return { status: response.status, location: response.headers.get("location"), text: await response.text() };
  }

  async csrf() {
    return /name="csrf" value="([^"]+)"/.exec((await this.get("/connect")).text)![1]!;
  }
}

describe.each(backends)("connect links and pages on $name", (backend) => {
  if (skipUnavailable(backend, "test/server/connect-sessions.test.ts")) return;

  let h: Harness;
  let ws: { id: string; token: string };
  let now = START;
  const link = (body: object) => h.call("POST", "/api/v1/connect-sessions", ws.token, body);
  const opened = async (body: object) => {
    const created = await link(body);
    expect(created.status, created.text).toBe(201);
    const page = new PageClient(h.server.url);
    const open = await page.get(created.body.url);
    expect(open.status).toBe(303);
    return { page, created: created.body as { id: string; url: string; expires_at: string } };
  };
  const harvestToken = (csrf: string, token = SANDBOX_PERSONAL_ACCESS_TOKEN) => ({ csrf, connector: "harvest", variant: "personal_access_token", field_token: token, field_account_id: SANDBOX_ACCOUNT_ID });

  beforeAll(async () => {
    h = await startOAuthHarness(backend, { now: () => now });
    ws = await createWorkspace(h.call, "Acme");
  });

  afterAll(async () => {
    await h?.close();
    await backend.cleanup();
  });

  it("describes every connector in the catalog: variants, labelled fields, who supplies them, scopes", async () => {
    expect((await h.call("GET", "/api/v1/catalog")).status).toBe(401);
    const { body } = await h.call("GET", "/api/v1/catalog", ws.token);
    expect(body.data.map((entry: any) => entry.name)).toEqual(["harvest", "harvestapi"]);
    const harvest = body.data[0];
    expect(harvest.connection_test).toBe("users.me");
    expect(harvest.auth.map((v: any) => [v.name, v.label, v.flow, v.available])).toEqual([
      ["personal_access_token", "Personal access token", "form", true],
      // No OAuth application configured on this server.
      ["oauth2", "Harvest ID (OAuth)", "oauth", false],
    ]);
    expect(harvest.auth[0].fields).toEqual([
      { name: "token", label: "Personal access token", secret: true, optional: false, description: "Personal access token", supplied_by: "user" },
      { name: "account_id", label: "Account ID", secret: false, optional: false, description: "Harvest account id (find it with accounts.list)", supplied_by: "user" },
    ]);
    expect(Object.fromEntries(harvest.auth[1].fields.map((f: any) => [f.name, f.supplied_by]))).toEqual({
      client_id: "oauth_client",
      client_secret: "oauth_client",
      refresh_token: "oauth_flow",
      account_id: "oauth_flow",
    });
    const users = harvest.scopes.find((s: any) => s.entity === "users");
    expect(users.actions).toContainEqual({ scope: "users.me", description: expect.any(String), read_only: true });
    expect(users.actions).toContainEqual({ scope: "users.create", description: expect.any(String), read_only: false });
    expect(body.data[1].auth[0].fields.find((f: any) => f.name === "li_at")).toMatchObject({ label: "LinkedIn session cookie (li_at)", secret: true, optional: true });
  });

  it("refuses a link request it cannot honour, naming what to fix", async () => {
    const cases: [object, RegExp][] = [
      [{}, /user_id is required/],
      [{ user_id: "u", connectors: ["jira"] }, /unknown connector_type "jira"/],
      [{ user_id: "u", connectors: [] }, /at least one connector/],
      [{ user_id: "u", scopes: ["users.me"] }, /in harvestapi; name the connectors the scopes are for/],
      [{ user_id: "u", redirect_url: "javascript:alert(1)" }, /redirect_url must be an absolute http or https URL/],
      [{ user_id: "u", expires_in: 5 }, /unknown field in the request body: expires_in/],
    ];
    for (const [body, message] of cases) {
      const response = await link(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
    expect((await link({ user_id: "u", connector_id: "conn_nope" })).status).toBe(404);
  });

  it("opens a link once into a cookie, checks CSRF, tests the credentials, saves the account and uses the link up", async () => {
    const { page, created } = await opened({ user_id: "alice", connectors: ["harvest"], scopes: ["users.me"], read_only: true, redirect_url: "https://app.acme.test/back?x=1" });
    expect(created.expires_at).toBe("2026-07-01T12:30:00.000Z");
    expect(created.url).toMatch(new RegExp(`^${h.server.url}/connect/ccl_[\\w-]{43}$`));
    expect(page.cookie).toMatch(/^connect_session=/);
    expect((await page.get(created.url)).status).toBe(410);

    const shown = await page.get("/connect");
    expect(shown.text).toContain("Read-only:");
    expect(shown.text).not.toContain("Connect with Harvest");
    expect((await page.post("/connect/credentials", { ...harvestToken("forged") })).status).toBe(403);

    const csrf = await page.csrf();
    const refused = await page.post("/connect/credentials", harvestToken(csrf, "wrong-token"));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("Harvest did not accept these credentials");
    expect(refused.text).not.toContain("wrong-token");
    expect((await h.call("GET", "/api/v1/integrations/connectors?user_id=alice", ws.token)).body.data).toEqual([]);

    const saved = await page.post("/connect/credentials", harvestToken(csrf));
    expect(saved).toMatchObject({ status: 303, location: "/connect" });
    const done = (await page.get("/connect")).text;
    expect(done).toContain("<h1>Connected</h1>");
    const back = new URL(/href="([^"]+)">Continue/.exec(done)![1]!.replaceAll("&amp;", "&"));
    expect(`${back.origin}${back.pathname}`).toBe("https://app.acme.test/back");
    expect(Object.fromEntries(back.searchParams)).toEqual({ x: "1", status: "connected", account_id: expect.stringMatching(/^conn_/) });
    const account = (await h.call("GET", `/api/v1/integrations/connectors/${back.searchParams.get("account_id")}`, ws.token)).body;
    expect(account).toMatchObject({ user_id: "alice", status: "active", scopes: ["users.me"], read_only: true, name: "Alex Morgan (alex.morgan@sandbox-studio.example)" });
    // The test call is the account's first audit row.
    const audit = (await h.call("GET", `/api/v1/audit?connector_id=${account.id}`, ws.token)).body.data;
    expect(audit.map((row: any) => [row.entity, row.action, row.outcome])).toEqual([["users", "me", "ok"]]);
    expect((await page.post("/connect/credentials", harvestToken(csrf))).status).toBe(410);

    const dump = await backend.dump();
    expect(dump).not.toContain(SANDBOX_PERSONAL_ACCESS_TOKEN);
    expect(dump).not.toContain(created.url.split("/connect/")[1]);
    expect(dump).not.toContain(page.cookie.split("=")[1]);
    expect(page.cookie).toMatch(/^connect_session=[\w-]{43}$/);
  });

  it("marks the cookie Secure behind a proxy that ended TLS", async () => {
    const created = await link({ user_id: "tls" });
    const response = await fetch(created.body.url, { redirect: "manual", headers: { "X-Forwarded-Proto": "https" } });
    expect(response.headers.getSetCookie()[0]).toMatch(/^connect_session=[\w-]{43}; Max-Age=1800; Path=\/connect; HttpOnly; Secure; SameSite=Lax$/);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("connects HarvestAPI with its own test call (account.me), and a link expires on the clock", async () => {
    const { page } = await opened({ user_id: "bea", connectors: ["harvestapi"] });
    const saved = await page.post("/connect/credentials", { csrf: await page.csrf(), connector: "harvestapi", variant: "api_key", field_api_key: SANDBOX_API_KEY });
    expect(saved.status).toBe(303);
    expect((await page.get("/connect")).text).toContain("<strong>sandbox@harvestapi.example</strong>");

    const later = await link({ user_id: "bea" });
    now = new Date(START.getTime() + 30 * 60 * 1000);
    try {
      const expired = await new PageClient(h.server.url).get(later.body.url);
      expect(expired.status).toBe(410);
      expect(expired.text).toContain("This connect link expired.");
    } finally {
      now = START;
    }
  });

  it("reconnects an account that needs reauthorization in place", async () => {
    const created = await h.call("POST", "/api/v1/integrations/connectors", ws.token, {
      connector_type: "harvest",
      name: "Old",
      user_id: "carl",
      credentials: { token: "revoked-upstream", account_id: SANDBOX_ACCOUNT_ID },
    });
    expect((await h.call("POST", `/api/v1/integrations/connectors/${created.body.id}/execute`, ws.token, { entity: "users", action: "me" })).status).toBe(401);
    expect((await h.call("GET", `/api/v1/integrations/connectors/${created.body.id}`, ws.token)).body.status).toBe("needs_reauth");
    expect((await link({ user_id: "someone-else", connector_id: created.body.id })).status).toBe(404);

    const { page } = await opened({ user_id: "carl", connector_id: created.body.id });
    expect((await page.get("/connect")).text).toContain("This reconnects <strong>Old</strong>");
    expect((await page.post("/connect/credentials", harvestToken(await page.csrf()))).status).toBe(303);
    const after = (await h.call("GET", `/api/v1/integrations/connectors/${created.body.id}`, ws.token)).body;
    expect(after).toMatchObject({ status: "active", name: "Alex Morgan (alex.morgan@sandbox-studio.example)" });
    expect((await h.call("POST", `/api/v1/integrations/connectors/${created.body.id}/execute`, ws.token, { entity: "users", action: "me" })).status).toBe(200);
  });

  describe("through OAuth, when the authorization reaches several Harvest accounts", () => {
    const accounts = [
      { id: 111, name: "First", product: "harvest" },
      { id: 1234567, name: "Sandbox Studio", product: "harvest" },
    ];
    beforeAll(() => {
      h.config.oauthClients = { harvest: { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET } };
      h.sandbox.use(http.get("https://id.getharvest.com/api/v2/accounts", () => HttpResponse.json({ accounts })));
    });
    afterAll(() => {
      h.sandbox.resetHandlers();
      h.config.oauthClients = undefined;
    });

    it("asks which one, then tests and saves the chosen one", async () => {
      const { page } = await opened({ user_id: "dora", connectors: ["harvest"] });
      const shown = await page.get("/connect");
      expect(shown.headers.get("content-security-policy")).toContain(`form-action 'self' ${h.sandbox.url};`);
      const start = await page.post("/connect/oauth", { csrf: await page.csrf(), connector: "harvest", variant: "oauth2" });
      expect(start.status).toBe(303);
      const consent = await fetch(start.location!, { redirect: "manual" });
      const callback = await page.get(consent.headers.get("location")!);
      expect(callback.headers.get("location")).toBe("/connect");
      const choice = (await page.get("/connect")).text;
      expect(choice, choice.slice(0, 1500)).toContain("Which account?");
      expect(choice).toMatch(/value="111" checked> First/);
      expect((await page.post("/connect/choose", { csrf: await page.csrf(), choice: "999" })).status).toBe(400);
      expect((await page.post("/connect/choose", { csrf: await page.csrf(), choice: "1234567" })).status).toBe(303);
      expect((await page.get("/connect")).text).toContain("<h1>Connected</h1>");
      const [account] = (await h.call("GET", "/api/v1/integrations/connectors?user_id=dora", ws.token)).body.data;
      expect(account).toMatchObject({ status: "active", auth_variant: "oauth2" });
      expect((await h.call("POST", `/api/v1/integrations/connectors/${account.id}/execute`, ws.token, { entity: "users", action: "me" })).status).toBe(200);
      expect(await backend.dump()).not.toMatch(/sandbox-(access|refresh)-|sandbox-harvest-client-secret/);
    });

    it("shows a refused authorization on the page", async () => {
      const { page } = await opened({ user_id: "eve", connectors: ["harvest"] });
      const start = await page.post("/connect/oauth", { csrf: await page.csrf(), connector: "harvest", variant: "oauth2" });
      const state = new URL(start.location!).searchParams.get("state")!;
      expect((await page.get(`/oauth/callback?state=${state}&error=access_denied`)).headers.get("location")).toBe("/connect");
      expect((await page.get("/connect")).text).toContain("Harvest did not authorize the connection. Nothing was saved. Details: Harvest answered &quot;access_denied&quot;");
    });
  });

  it("signs the console in only with a workspace token and a CSRF token, for 8 hours", async () => {
    const page = new PageClient(h.server.url);
    expect((await page.get("/console")).headers.get("location")).toBe("/console/sign-in");
    const form = await page.get("/console/sign-in");
    expect(form.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)![1]!;
    expect((await page.post("/console/sign-in", { csrf: "forged", token: ws.token })).status).toBe(403);
    const wrong = await page.post("/console/sign-in", { csrf, token: "cws_wrong" });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("That is not a workspace token.");
    const retry = /name="csrf" value="([^"]+)"/.exec(wrong.text)![1]!;
    expect(await page.post("/console/sign-in", { csrf: retry, token: ws.token })).toMatchObject({ status: 303, location: "/console" });
    expect((await page.get("/console")).status).toBe(200);
    // A sign-in lasts 8 hours.
    now = new Date(START.getTime() + 8 * 60 * 60 * 1000);
    try {
      expect((await page.get("/console")).headers.get("location")).toBe("/console/sign-in");
    } finally {
      now = START;
    }
  });

  it("prunes expired console sign-ins, and connect links expired before the audit cut-off", async () => {
    const { store } = h;
    const at = (hours: number) => new Date(START.getTime() + hours * 3600_000).toISOString();
    await store.insertConsoleSession("hash-old", ws.id, at(-1));
    await store.insertConsoleSession("hash-live", ws.id, at(1));
    const session = { workspace_id: ws.id, user_id: "p", connectors: null, scopes: null, read_only: false, redirect_url: null, created_at: at(-2000) };
    const rest = { opened_at: null, connector_id: null, completed_at: null, last_error: null, choices: null, pending_credentials: null };
    await store.insertConnectSession({ ...session, id: "cs_old", expires_at: at(-1000), ...rest }, "link-old");
    await store.insertConnectSession({ ...session, id: "cs_recent", expires_at: at(-1), ...rest }, "link-recent");
    await store.prune(at(-24), START.toISOString());
    expect(await store.consoleSession("hash-old")).toBeUndefined();
    expect(await store.consoleSession("hash-live")).toMatchObject({ workspace: { id: ws.id, name: "Acme" } });
    expect(await store.findConnectSession({ id: "cs_old" })).toBeUndefined();
    expect(await store.findConnectSession({ link_hash: "link-recent" })).toMatchObject({ id: "cs_recent", user_id: "p" });
  });
});

describe("with the operator's own connectors (ServerConfig.connectorsDir)", () => {
  it("lists them in the catalog beside the bundled ones and offers them on connect links", async () => {
    const store = await openStore(":memory:");
    try {
      const masterKey = newMasterKey();
      const app = createApp({ store, vault: new Vault(masterKey), config: { masterKey, connectorsDir: THIRD.dir } });
      await store.createWorkspace({ id: "ws_own", name: "Own", created_at: START.toISOString() }, hashToken("cws_own"));
      const headers = { Authorization: "Bearer cws_own", "Content-Type": "application/json" };
      const catalog = (await (await app.request("/api/v1/catalog", { headers })).json()) as { data: { name: string }[] };
      const names = catalog.data.map((entry) => entry.name);
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(expect.arrayContaining(["harvest", "harvestapi", THIRD.name]));
      const created = await app.request("/api/v1/connect-sessions", { method: "POST", headers, body: JSON.stringify({ user_id: "u", connectors: [THIRD.name] }) });
      expect(created.status).toBe(201);
    } finally {
      await store.close();
    }
  });
});
