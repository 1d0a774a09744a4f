/**
 * Isolation and canaries, on SQLite and PostgreSQL: users in two workspaces, each with a credential of their own that
 * carries a unique canary, call concurrently through the hosted API and the MCP HTTP transport (both real
 * `connectors` processes on one store). Promises: the upstream saw every user's request with that user's credential
 * only (zero foreign credentials) and every user got only their own data back (zero foreign data); afterwards no
 * canary appears in anything the processes printed, answered (results, errors, tool lists, MCP responses, audit rows)
 * or stored (the SQLite file and its WAL, every PostgreSQL table of the store).
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpClient } from "../mcp/clients.js";
import { ADMIN_TOKEN, postgresBackend, sqliteBackend, type Backend, skipUnavailable } from "../server/harness.js";
import { childEnv, startMcp, startServe, type Child } from "./processes.js";
import { inPool, reportFigures, SCALE } from "./scale.js";
import { canary, startTenantUpstream, type Tenant, type TenantUpstream } from "./upstream.js";

const backends: Backend[] = [sqliteBackend(), await postgresBackend()];
const CONNECTORS = "/api/v1/integrations/connectors";

interface User {
  workspace: { id: string; token: string };
  tenant: Tenant;
  connector: string;
  mcpToken: string;
}

describe.each(backends)("isolation and canaries on $name", (backend) => {
  if (skipUnavailable(backend, "test/reliability/isolation.test.ts")) return;

  let upstream: TenantUpstream;
  let serve: Child;
  let mcp: Child;
  const users: User[] = [];
  /** Everything an API or MCP client was handed, to look for canaries in. */
  const seen: string[] = [];
  const refusedCanaries: string[] = [];

  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(serve.url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    seen.push(text);
    return { status: response.status, text, body: JSON.parse(text) as any };
  };

  beforeAll(async () => {
    upstream = await startTenantUpstream();
    const env = childEnv(upstream.baseUrl);
    serve = await startServe(backend.database, env);
    const workspaces: { id: string; token: string }[] = [];
    for (let w = 1; w <= SCALE.workspaces; w++) workspaces.push((await api("POST", "/api/v1/workspaces", ADMIN_TOKEN, { name: `Tenant ${w}` })).body);
    const perWorkspace = SCALE.users / SCALE.workspaces;
    await inPool(Array.from({ length: SCALE.users }, (_, i) => i), 20, async (i) => {
      const workspace = workspaces[Math.floor(i / perWorkspace)];
      const tenant = upstream.tenant(`ws${Math.floor(i / perWorkspace) + 1}-u${String(i).padStart(3, "0")}`);
      const created = await api("POST", CONNECTORS, workspace.token, { connector_type: "harvest", name: "Harvest", user_id: tenant.owner, credentials: { token: tenant.token, account_id: tenant.account_id } });
      expect(created.status, created.text).toBe(201);
      const token = await api("POST", "/api/v1/mcp-tokens", workspace.token, { user_id: tenant.owner });
      users[i] = { workspace, tenant, connector: created.body.id, mcpToken: token.body.token };
    });
    // The MCP server starts once the store holds the key (the first start records it).
    mcp = await startMcp(backend.database, env);
  }, 120_000);

  afterAll(async () => {
    await serve?.stop();
    await mcp?.stop();
    await upstream?.close();
    await backend.cleanup();
  });

  it("sends each user's calls through the hosted API with that user's credential only, and answers with their data only", async () => {
    const calls = users.flatMap((user) => Array.from({ length: SCALE.apiCallsPerUser }, () => user));
    const answers = await inPool(calls, SCALE.inFlight, (user) =>
      api("POST", `${CONNECTORS}/${user.connector}/execute`, user.workspace.token, { entity: "users", action: "get", params: { id: Number(user.tenant.account_id) } }),
    );
    const foreignData = answers.filter((answer, i) => answer.status !== 200 || answer.body.result.data.first_name !== calls[i]!.tenant.owner);
    expect(foreignData).toEqual([]);
    expectNoForeignCredentials(upstream, calls.length);
  }, 300_000);

  it("does the same through the MCP HTTP transport, each user holding their own MCP token", async () => {
    const before = upstream.log.length;
    let mismatches = 0;
    // Every user at soak scale; a spread of them (both workspaces) in npm test.
    const callers = users.filter((_, i) => i % (SCALE.users / SCALE.mcpUsers) === 0);
    await inPool(callers, Math.max(10, SCALE.inFlight / SCALE.mcpCallsPerUser), async (user) => {
      const client = await httpClient(mcp.url, user.mcpToken);
      try {
        seen.push(JSON.stringify(await client.listTools()));
        const texts = await Promise.all(Array.from({ length: SCALE.mcpCallsPerUser }, () => callGet(client, Number(user.tenant.account_id))));
        seen.push(...texts);
        // Every owner named in an answer is this user: no other tenant's data.
        for (const text of texts) if (!text.includes(user.tenant.owner) || (text.match(/ws\d-u\d{3}/g) ?? []).some((owner) => owner !== user.tenant.owner)) mismatches++;
      } finally {
        await client.close();
      }
    });
    expect(mismatches).toBe(0);
    expectNoForeignCredentials(upstream, callers.length * SCALE.mcpCallsPerUser, before);
  }, 300_000);

  it("leaves no canary in any output, answer, audit row or stored byte, errors included", async () => {
    // Failures too: a credential the upstream refuses while echoing it, an unknown action, bad params.
    const [first] = users;
    for (let i = 0; i < 3; i++) {
      const refused = { token: canary(`refused${i}`), account_id: first!.tenant.account_id };
      refusedCanaries.push(refused.token);
      const created = await api("POST", CONNECTORS, first!.workspace.token, { connector_type: "harvest", name: "Bad", user_id: `refused-${i}`, credentials: refused });
      const answer = await api("POST", `${CONNECTORS}/${created.body.id}/execute`, first!.workspace.token, { entity: "users", action: "me" });
      expect(answer.body.error.code).toBe("E_AUTH");
    }
    await api("POST", `${CONNECTORS}/${first!.connector}/execute`, first!.workspace.token, { entity: "users", action: "constructor" });
    await api("POST", `${CONNECTORS}/${first!.connector}/execute`, first!.workspace.token, { entity: "users", action: "get", params: { id: "x".repeat(300) } });
    for (const workspace of new Set(users.map((u) => u.workspace))) seen.push(await auditText(workspace.token));

    const canaries = [...users.map((u) => u.tenant.token), ...refusedCanaries];
    const sources: Record<string, string> = {
      "serve stdout/stderr": serve.output(),
      "mcp stdout/stderr": mcp.output(),
      "API and MCP answers, tool lists and audit rows": seen.join("\n"),
      [backend.name === "sqlite" ? "SQLite file and WAL" : "PostgreSQL tables"]: await backend.dump(),
    };
    for (const [where, text] of Object.entries(sources)) {
      expect(text.length, where).toBeGreaterThan(0);
      expect(canaries.filter((c) => text.includes(c)), where).toEqual([]);
    }
    // The canaries are real: each of them did reach the upstream, the one place that must see it.
    const sent = new Set(upstream.log.map((entry) => entry.token));
    expect(canaries.filter((c) => !sent.has(c))).toEqual([]);
    reportFigures(`isolation+canaries (${backend.name})`, {
      users: users.length,
      workspaces: SCALE.workspaces,
      api_calls: SCALE.users * SCALE.apiCallsPerUser,
      mcp_users: SCALE.mcpUsers,
      mcp_calls: SCALE.mcpUsers * SCALE.mcpCallsPerUser,
      upstream_requests: upstream.log.length,
      canaries: canaries.length,
      canary_sources: Object.keys(sources).length,
      canary_checks: canaries.length * Object.keys(sources).length,
    });
  }, 120_000);

  async function auditText(token: string): Promise<string> {
    let text = "";
    let cursor: string | null = "";
    while (cursor !== null) {
      const response: Response = await fetch(`${serve.url}/api/v1/audit?format=ndjson&limit=1000${cursor ? `&cursor=${cursor}` : ""}`, { headers: { Authorization: `Bearer ${token}` } });
      text += await response.text();
      cursor = response.headers.get("x-next-cursor");
    }
    return text;
  }
});

async function callGet(client: Client, id: number): Promise<string> {
  const result = await client.callTool({ name: "harvest_execute", arguments: { entity: "users", action: "get", params: { id } } });
  return JSON.stringify(result);
}

/** Every request since `from` carried a known credential, and the user it asked about was its owner. */
function expectNoForeignCredentials(upstream: TenantUpstream, expected: number, from = 0): void {
  const requests = upstream.log.slice(from);
  expect(requests).toHaveLength(expected);
  expect(requests.filter((r) => r.owner === undefined || r.subject !== r.owner)).toEqual([]);
}
