/** Streamable HTTP at /mcp, in-process on loopback: bearer tokens, and users who each reach only their own credentials. */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorsMcpServer, readTokenFile } from "../../src/mcp/index.js";
import { sharedSandbox } from "../../src/sandbox/shared.js";
import { httpClient, text } from "./clients.js";
import { tokenFile } from "./token-files.js";

// Three users: A with the sandbox's personal access token, B with its OAuth2 app, C with a token for another account.
const TOKEN_A = "user-a-mcp-token-0123456789";
const TOKEN_B = "user-b-mcp-token-0123456789";
const TOKEN_C = "user-c-mcp-token-0123456789";
const C_HARVEST = { token: "user-c-harvest-token", account_id: "7654321" };

// The process's in-process Harvest sandbox, which the server's `sandbox: true` calls are answered from.
const shared = sharedSandbox("harvest")!;
let server: ConnectorsMcpServer;
let url: string;

beforeAll(async () => {
  const { personal_access_token, oauth2 } = shared.credentials;
  const tokens = readTokenFile(tokenFile({ [TOKEN_A]: { harvest: personal_access_token }, [TOKEN_B]: { harvest: oauth2 }, [TOKEN_C]: { harvest: C_HARVEST } }));
  server = new ConnectorsMcpServer({ connectors: ["harvest"], sandbox: true });
  ({ url } = await server.serveHttp({ port: 0, tokens }));
});
afterAll(() => server.stop());

const initialize = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } },
});

function post(headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", ...headers }, body: initialize });
}

describe("authentication", () => {
  it("answers 401 without a bearer token, with an unknown one, or with another scheme", async () => {
    const refused: Record<string, string>[] = [{}, { Authorization: "Bearer not-a-known-token-0123456789" }, { Authorization: `Basic ${btoa(`x:${TOKEN_A}`)}` }, { Authorization: TOKEN_A }];
    for (const headers of refused) {
      const response = await post(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
    }
    await expect(httpClient(url, `${TOKEN_A}x`)).rejects.toThrow(/Unauthorized/);
  });

  it("serves a known token", async () => {
    expect((await post({ Authorization: `Bearer ${TOKEN_A}` })).status).toBe(200);
    const client = await httpClient(url, TOKEN_A);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["harvest_execute", "harvest_describe"]);
    await client.close();
  });
});

describe("progress over HTTP", () => {
  it("delivers every page's progress notification before the result", async () => {
    const client = await httpClient(url, TOKEN_A);
    const progress: number[] = [];
    const args = { entity: "time_entries", action: "list", params: { per_page: 20 }, limit: 60, fields: ["id"] };
    const result = await client.callTool({ name: "harvest_execute", arguments: args }, undefined, { onprogress: (p) => progress.push(p.progress) });
    // Recorded when the result arrived: all three were already there.
    const atResult = [...progress];
    expect(JSON.parse(text(result)).data).toHaveLength(60);
    expect(atResult).toEqual([1, 2, 3]);
    await client.close();
  });
});

describe("users in parallel", () => {
  it("each call goes out with its own user's credentials, never another's", async () => {
    const [a, b, c] = await Promise.all([TOKEN_A, TOKEN_B, TOKEN_C].map((token) => httpClient(url, token)));
    const logged = shared.sandbox.stats.requestLog.length;
    const list = (client: Client, page: number) =>
      client.callTool({ name: "harvest_execute", arguments: { entity: "time_entries", action: "list", params: { per_page: 3, page } } });
    const pages = [1, 2, 3, 4, 5];
    const [forA, forB, forC] = await Promise.all([a, b, c].map((client) => Promise.all(pages.map((page) => list(client!, page)))));

    for (const result of [...forA!, ...forB!]) expect(JSON.parse(text(result)).data).toHaveLength(3);
    for (const result of forC!) {
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/^Error E_AUTH: Harvest rejected the credentials/);
    }

    const sent = shared.sandbox.stats.requestLog.slice(logged).filter((r) => r.host === "api");
    const bearer = (token: string) => `Bearer ${token}`;
    const fromA = sent.filter((r) => r.headers.authorization === bearer(shared.credentials.personal_access_token!.token!));
    const fromC = sent.filter((r) => r.headers.authorization === bearer(C_HARVEST.token));
    const fromB = sent.filter((r) => !fromA.includes(r) && !fromC.includes(r));
    expect(fromA.map((r) => r.query.page).sort()).toEqual(["1", "2", "3", "4", "5"]);
    expect(fromB.map((r) => r.query.page).sort()).toEqual(["1", "2", "3", "4", "5"]);
    // B's requests carry the access token its own OAuth refresh got: one bearer, not A's and not C's.
    expect(new Set(fromB.map((r) => r.headers.authorization)).size).toBe(1);
    expect(fromC.length).toBeGreaterThanOrEqual(1);
    for (const r of fromC) expect(r.headers["harvest-account-id"]).toBe(C_HARVEST.account_id);
    for (const r of [...fromA, ...fromB]) expect(r.headers["harvest-account-id"]).toBe("1234567");
    await Promise.all([a, b, c].map((client) => client!.close()));
  });
});
