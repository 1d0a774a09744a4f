/**
 * The MCP server on the hosted API's store (`connectors mcp --transport http --database ...`), on both stores: the
 * /api/v1/mcp-tokens routes, and MCP tokens that each reach only their own user's connected accounts, with those
 * accounts' scopes, revocable at once.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorsMcpServer } from "../../src/mcp/index.js";
import { findManifest } from "../../src/manifest/registry.js";
import { sharedSandbox } from "../../src/sandbox/shared.js";
import { storeTokenResolver } from "../../src/server/mcp-tokens.js";
import { hashToken } from "../../src/server/tokens.js";
import { Vault } from "../../src/server/vault.js";
import type { CredentialStore } from "../../src/credentials/types.js";
import { createWorkspace, postgresBackend, sqliteBackend, startHarness, type Backend, type Harness, skipUnavailable } from "../server/harness.js";
import { httpClient, text } from "./clients.js";

const backends: Backend[] = [sqliteBackend(), await postgresBackend()];
const CONNECTORS = "/api/v1/integrations/connectors";
const MCP_TOKENS = "/api/v1/mcp-tokens";

describe.each(backends)("MCP tokens on $name", (backend) => {
  if (skipUnavailable(backend, "test/mcp/hosted-tokens.test.ts")) return;

  let h: Harness;
  // The MCP server runs every call against this process's shared sandbox (sandbox: true), with the store's credentials.
  const shared = sharedSandbox("harvest")!;
  let mcp: ConnectorsMcpServer;
  let url: string;
  let a: { id: string; token: string };
  let b: { id: string; token: string };
  const accounts: Record<string, string> = {};
  const mcpTokens: Record<string, { id: string; token: string }> = {};
  const OTHER_WORKSPACE_PAT = { token: "other-workspace-harvest-token", account_id: "7654321" };

  const connectAccount = async (token: string, body: Record<string, unknown>) => {
    const response = await h.call("POST", CONNECTORS, token, { connector_type: "harvest", name: "Harvest", ...body });
    expect(response.status, response.text).toBe(201);
    return response.body.id as string;
  };
  const newMcpToken = async (token: string, user_id: string) => {
    const response = await h.call("POST", MCP_TOKENS, token, { user_id, name: `${user_id}'s agent` });
    expect(response.status, response.text).toBe(201);
    return response.body as { id: string; token: string };
  };
  const apiRequests = () => shared.sandbox.stats.requestLog.filter((r) => r.host === "api");
  const list = (client: Client, entity: string, params: Record<string, unknown> = {}) =>
    client.callTool({ name: "harvest_execute", arguments: { entity, action: "list", params } });
  const initialize = (headers: Record<string, string>) =>
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } } }),
    });

  /** A refresh token of its own for each store's run: the sandbox's fixed one rotates away at its first use in this process. */
  const freshRefreshToken = async (oauth2: Record<string, string>) => {
    const form = new URLSearchParams({ grant_type: "authorization_code", code: shared.sandbox.issueAuthorizationCode(), client_id: oauth2.client_id!, client_secret: oauth2.client_secret! });
    const tokenUrl = findManifest("harvest").auth.oauth2!.token_url!;
    const response = await request(tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString(), dispatcher: shared.dispatcher });
    expect(response.statusCode).toBe(200);
    return ((await response.body.json()) as { refresh_token: string }).refresh_token;
  };

  const resolver = () => storeTokenResolver({ store: h.store, vault: new Vault(h.config.masterKey), config: h.config });

  beforeAll(async () => {
    h = await startHarness(backend);
    const { personal_access_token, oauth2 } = shared.credentials;
    a = await createWorkspace(h.call, "Acme");
    b = await createWorkspace(h.call, "Beta");
    accounts.alice = await connectAccount(a.token, { user_id: "alice", credentials: personal_access_token });
    accounts.bob = await connectAccount(a.token, { user_id: "bob", credentials: { ...oauth2, refresh_token: await freshRefreshToken(oauth2!) }, auth_variant: "oauth2" });
    accounts.dave = await connectAccount(a.token, { user_id: "dave", credentials: personal_access_token, scopes: ["projects.list"] });
    // Another workspace's user with the same user_id as alice, and an account of her own.
    accounts.otherAlice = await connectAccount(b.token, { user_id: "alice", credentials: OTHER_WORKSPACE_PAT });
    for (const user of ["alice", "bob", "dave"]) mcpTokens[user] = await newMcpToken(a.token, user);
    mcpTokens.otherAlice = await newMcpToken(b.token, "alice");
    mcpTokens.nobody = await newMcpToken(b.token, "nobody");

    mcp = new ConnectorsMcpServer({ connectors: ["harvest"], sandbox: true });
    ({ url } = await mcp.serveHttp({ port: 0, tokens: resolver() }));
  });

  afterAll(async () => {
    await mcp?.stop();
    await h?.close();
    await backend.cleanup();
  });

  describe("the /api/v1/mcp-tokens routes", () => {
    it("shows a token once and stores only its hash", async () => {
      const created = await h.call("POST", MCP_TOKENS, a.token, { user_id: "erin" });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.stringMatching(/^mcpt_/), workspace_id: a.id, user_id: "erin", name: null, token: expect.stringMatching(/^cmcp_/) });
      const listed = await h.call("GET", `${MCP_TOKENS}?user_id=erin`, a.token);
      expect(listed.status).toBe(200);
      expect(listed.body.data).toEqual([{ id: created.body.id, workspace_id: a.id, user_id: "erin", name: null, created_at: created.body.created_at }]);
      const all = await h.call("GET", MCP_TOKENS, a.token);
      expect(all.body.data.map((t: { user_id: string }) => t.user_id)).toEqual(["alice", "bob", "dave", "erin"]);
      for (const token of Object.values(mcpTokens)) expect(all.text).not.toContain(token.token);

      const stored = await backend.dump();
      for (const token of [created.body.token, ...Object.values(mcpTokens).map((t) => t.token)]) {
        expect(stored).not.toContain(token);
        expect(stored).toContain(hashToken(token));
      }
    });

    it("checks its input, needs a workspace token, and keeps each workspace's tokens to itself", async () => {
      expect((await h.call("POST", MCP_TOKENS, a.token, {})).status).toBe(400);
      expect((await h.call("POST", MCP_TOKENS, a.token, { user_id: "x", token: "mine" })).status).toBe(400);
      expect((await h.call("GET", MCP_TOKENS)).status).toBe(401);
      // An MCP token is not a workspace token.
      expect((await h.call("GET", MCP_TOKENS, mcpTokens.alice!.token)).status).toBe(401);
      expect((await h.call("GET", MCP_TOKENS, b.token)).body.data.map((t: { user_id: string }) => t.user_id)).toEqual(["alice", "nobody"]);
      expect((await h.call("DELETE", `${MCP_TOKENS}/${mcpTokens.alice!.id}`, b.token)).status).toBe(404);
      expect((await h.call("DELETE", `${MCP_TOKENS}/mcpt_nope`, a.token)).status).toBe(404);
    });

    it("is in the OpenAPI document", async () => {
      const doc = (await h.call("GET", "/openapi.json")).body;
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([MCP_TOKENS, `${MCP_TOKENS}/{id}`]));
    });
  });

  describe("MCP over HTTP with store tokens", () => {
    it("answers 401 without a token or with a wrong one", async () => {
      const refused: Record<string, string>[] = [{}, { Authorization: "Bearer cmcp_not-a-known-token-0123456789" }, { Authorization: `Bearer ${a.token}` }];
      for (const headers of refused) {
        expect((await initialize(headers)).status, JSON.stringify(headers)).toBe(401);
      }
      expect((await initialize({ Authorization: `Bearer ${mcpTokens.alice!.token}` })).status).toBe(200);
      await expect(httpClient(url, `${mcpTokens.alice!.token}x`)).rejects.toThrow(/Unauthorized/);
    });

    it("sends each user's calls, in parallel, with that user's own connected account", async () => {
      const [alice, bob] = await Promise.all([httpClient(url, mcpTokens.alice!.token), httpClient(url, mcpTokens.bob!.token)]);
      const logged = apiRequests().length;
      const pages = [1, 2, 3, 4, 5];
      const [forAlice, forBob] = await Promise.all([alice, bob].map((client) => Promise.all(pages.map((page) => list(client!, "time_entries", { per_page: 3, page })))));
      for (const result of [...forAlice!, ...forBob!]) {
        expect(result.isError, text(result)).toBeFalsy();
        expect(JSON.parse(text(result)).data).toHaveLength(3);
      }
      const sent = apiRequests().slice(logged);
      const pat = `Bearer ${shared.credentials.personal_access_token!.token}`;
      const fromAlice = sent.filter((r) => r.headers.authorization === pat);
      const fromBob = sent.filter((r) => r.headers.authorization !== pat);
      expect(fromAlice.map((r) => r.query.page).sort()).toEqual(["1", "2", "3", "4", "5"]);
      expect(fromBob.map((r) => r.query.page).sort()).toEqual(["1", "2", "3", "4", "5"]);
      // Bob's calls carry the access token his own OAuth account's refresh got (sealed back into the store).
      const bobBearers = new Set(fromBob.map((r) => r.headers.authorization));
      expect(bobBearers.size).toBe(1);
      expect([...bobBearers][0]).toMatch(/^Bearer sandbox-access/);
      await Promise.all([alice!.close(), bob!.close()]);
    });

    it("never lets another workspace's token reach these accounts", async () => {
      const tokens = resolver();
      const otherAlice = await tokens.resolveToken(mcpTokens.otherAlice!.token);
      expect(Object.keys(otherAlice!.connectors)).toEqual(["harvest"]);
      expect(await (otherAlice!.connectors.harvest!.credentials as CredentialStore).get("harvest", "default")).toMatchObject(OTHER_WORKSPACE_PAT);
      expect((await tokens.resolveToken(mcpTokens.nobody!.token))!.connectors).toEqual({});

      // Workspace B's "alice" calls with her own account only: her token, refused upstream, never A's alice's.
      const client = await httpClient(url, mcpTokens.otherAlice!.token);
      const logged = apiRequests().length;
      const result = await list(client, "time_entries", { per_page: 3 });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/^Error E_AUTH/);
      const sent = apiRequests().slice(logged);
      expect(sent.length).toBeGreaterThanOrEqual(1);
      for (const r of sent) {
        expect(r.headers.authorization).toBe(`Bearer ${OTHER_WORKSPACE_PAT.token}`);
        expect(r.headers["harvest-account-id"]).toBe(OTHER_WORKSPACE_PAT.account_id);
      }
      await client.close();
    });

    it("lists to each user only what their account's scope allows, with honest annotations", async () => {
      const [alice, dave] = await Promise.all([httpClient(url, mcpTokens.alice!.token), httpClient(url, mcpTokens.dave!.token)]);
      const [forAlice, forDave] = await Promise.all([alice.listTools(), dave.listTools()]);
      const execute = (tools: typeof forAlice.tools) => tools.find((t) => t.name === "harvest_execute")!;
      expect(execute(forAlice.tools).description).toMatch(/^time_entries: /m);
      expect(execute(forAlice.tools).annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
      // Dave's account may only list projects: his listing says so, and nothing else.
      const daves = execute(forDave.tools);
      expect(daves.description).toContain("This tool is limited to the actions listed below.");
      expect(daves.description).toMatch(/^projects: .*\n  list\([^)]*\)$/m);
      expect(daves.description).not.toMatch(/^time_entries: /m);
      expect(daves.annotations).toMatchObject({ readOnlyHint: true });
      expect(daves.inputSchema.properties!.entity).toMatchObject({ enum: ["projects"] });
      // The other workspace's user with no account at all is listed nothing.
      const nobody = await httpClient(url, mcpTokens.nobody!.token);
      expect((await nobody.listTools()).tools).toEqual([]);
      await Promise.all([alice.close(), dave.close(), nobody.close()]);
    });

    it("writes the same audit row for an MCP call as for a REST execute", async () => {
      const client = await httpClient(url, mcpTokens.dave!.token);
      const since = new Date().toISOString();
      const params = { per_page: 2, is_active: true };
      expect((await list(client, "projects", params)).isError).toBeFalsy();
      const rest = await h.call("POST", `${CONNECTORS}/${accounts.dave}/execute`, a.token, { entity: "projects", action: "list", params });
      expect(rest.status, rest.text).toBe(200);
      const refused = await list(client, "time_entries");
      expect(text(refused)).toMatch(/^Error E_SCOPE/);
      const rows = (await h.call("GET", `/api/v1/audit?connector_id=${accounts.dave}&since=${since}`, a.token)).body.data;
      const shape = ({ id: _id, time: _time, duration_ms: _duration, ...row }: Record<string, unknown>) => row;
      expect(rows.map(shape)).toEqual([
        { workspace_id: a.id, user_id: "dave", connector_id: accounts.dave, connector_type: "harvest", entity: "projects", action: "list", outcome: "ok", reason: null, upstream_status: 200, cost: null, params },
        { workspace_id: a.id, user_id: "dave", connector_id: accounts.dave, connector_type: "harvest", entity: "projects", action: "list", outcome: "ok", reason: null, upstream_status: 200, cost: null, params },
        { workspace_id: a.id, user_id: "dave", connector_id: accounts.dave, connector_type: "harvest", entity: "time_entries", action: "list", outcome: "E_SCOPE", reason: null, upstream_status: null, cost: null, params: {} },
      ]);
      await client.close();
    });

    it("tells a hosted user's model to have the account reconnected, never to set a variable", async () => {
      const client = await httpClient(url, mcpTokens.otherAlice!.token);
      const result = await list(client, "projects", { per_page: 1 });
      expect(text(result)).toMatch(/^Error E_AUTH: [\s\S]*\nNext: retrying will not help: the account's owner must reconnect it/);
      expect(text(result)).not.toMatch(/HARVEST_ACCESS_TOKEN|environment/);
      await client.close();
    });

    it("applies a scoped account's scopes: out of scope is refused with nothing sent", async () => {
      const client = await httpClient(url, mcpTokens.dave!.token);
      const logged = apiRequests().length;
      const refused = await list(client, "time_entries");
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(/^Error E_SCOPE: harvest time_entries\.list is out of scope/);
      expect(apiRequests().length).toBe(logged);
      const allowed = await list(client, "projects", { per_page: 2 });
      expect(allowed.isError, text(allowed)).toBeFalsy();
      expect(apiRequests().length).toBe(logged + 1);
      await client.close();
    });

    it("stops a revoked MCP token at once: 401", async () => {
      const token = await newMcpToken(a.token, "alice");
      const client = await httpClient(url, token.token);
      expect((await list(client, "projects", { per_page: 1 })).isError).toBeFalsy();
      expect((await h.call("DELETE", `${MCP_TOKENS}/${token.id}`, a.token)).status).toBe(200);
      expect((await initialize({ Authorization: `Bearer ${token.token}` })).status).toBe(401);
      await expect(list(client, "projects", { per_page: 1 })).rejects.toThrow(/401|Unauthorized/);
      expect((await h.call("GET", MCP_TOKENS, a.token)).body.data.map((t: { id: string }) => t.id)).not.toContain(token.id);
      await client.close().catch(() => undefined);
    });

    it("stops a revoked connected account at once: an auth error result, nothing sent", async () => {
      const client = await httpClient(url, mcpTokens.alice!.token);
      expect((await list(client, "projects", { per_page: 1 })).isError).toBeFalsy();
      expect((await h.call("DELETE", `${CONNECTORS}/${accounts.alice}`, a.token)).status).toBe(200);
      const logged = apiRequests().length;
      const result = await list(client, "projects", { per_page: 1 });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/^Error E_AUTH/);
      expect(apiRequests().length).toBe(logged);
      // Bob is unaffected.
      const bob = await httpClient(url, mcpTokens.bob!.token);
      expect((await list(bob, "projects", { per_page: 1 })).isError).toBeFalsy();
      await Promise.all([client.close(), bob.close()]);
    });
  });
});
