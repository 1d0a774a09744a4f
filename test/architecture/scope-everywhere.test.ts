/**
 * One policy, one outcome: the same out-of-scope call (a write on a read-only connection) is the runtime's ScopeError,
 * E_SCOPE, through every face (library, agent tool, CLI, hosted API, MCP), and nothing reaches the API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, ScopeError } from "../../src/index.js";
import { ConnectorsMcpServer } from "../../src/mcp/index.js";
import { run } from "../cli/run.js";
import { inMemoryClient, text } from "../mcp/clients.js";
import { createWorkspace, sqliteBackend, startHarness, type Harness } from "../server/harness.js";

const WRITE = { entity: "time_entries", action: "create", params: { project_id: 14307913, task_id: 8083365, spent_date: "2026-06-15", hours: 1 } };
const backend = sqliteBackend();
let h: Harness;

beforeAll(async () => {
  h = await startHarness(backend);
});
afterAll(async () => {
  await h.close();
  await backend.cleanup();
});

/** The sandbox's Harvest as connect() options, held to read-only actions. */
function readOnlyOptions() {
  const info = h.sandbox.connectors.harvest!;
  return { baseUrl: info.baseUrl, hosts: info.hosts, credentials: info.credentials.personal_access_token, readOnly: true };
}

/** What the CLI reads to reach the sandbox's Harvest. */
function cliEnv() {
  const info = h.sandbox.connectors.harvest!;
  const pat = info.credentials.personal_access_token!;
  return { CONNECTORS_HARVEST_BASE_URL: info.baseUrl, HARVEST_ACCESS_TOKEN: pat.token!, HARVEST_ACCOUNT_ID: pat.account_id! };
}

/** A new workspace with one read-only Harvest account on the hosted API. */
async function readOnlyAccount(workspaceName: string): Promise<{ token: string; id: string }> {
  const workspace = await createWorkspace(h.call, workspaceName);
  const connected = await h.call("POST", "/api/v1/integrations/connectors", workspace.token, {
    connector_type: "harvest",
    name: "Read-only Harvest",
    user_id: "ro",
    credentials: h.sandbox.connectors.harvest!.credentials.personal_access_token,
    read_only: true,
  });
  return { token: workspace.token, id: connected.body.id };
}

describe("an out-of-scope call", () => {
  it("is E_SCOPE through the library, the agent tool, the CLI (exit 4), the hosted API (403) and MCP (isError), with nothing sent", async () => {
    const apiRequests = () => h.sandbox.harvest.stats.requests;
    const before = apiRequests();
    const readOnly = readOnlyOptions();

    const library = await connect("harvest", readOnly).execute(WRITE.entity, WRITE.action, WRITE.params).catch((e: unknown) => e);
    expect(library).toBeInstanceOf(ScopeError);
    expect(library).toMatchObject({ code: "E_SCOPE", entity: "time_entries", action: "create" });

    const tool = await connect("harvest", readOnly).tool().run(WRITE);
    expect(tool).toMatchObject({ isError: true, text: expect.stringMatching(/^Error E_SCOPE: /) });

    const cli = await run(["execute", "harvest", WRITE.entity, WRITE.action, "--read-only", "--params", JSON.stringify(WRITE.params)], { env: cliEnv() });
    expect(cli.code).toBe(4);
    expect(cli.stderr).toMatch(/^ScopeError: harvest time_entries\.create is out of scope/);

    const account = await readOnlyAccount("Scopes");
    const hosted = await h.call("POST", `/api/v1/integrations/connectors/${account.id}/execute`, account.token, WRITE);
    expect(hosted.status).toBe(403);
    expect(hosted.body.error.code).toBe("E_SCOPE");

    const mcpServer = new ConnectorsMcpServer({ connectors: ["harvest"] });
    const client = await inMemoryClient(mcpServer, { connectors: { harvest: readOnly } });
    const mcp = await client.callTool({ name: "harvest_execute", arguments: WRITE });
    expect(mcp.isError).toBe(true);
    expect(text(mcp)).toMatch(/^Error E_SCOPE: /);
    await client.close();

    expect(apiRequests()).toBe(before);
  });

  it("made by a code-mode script is the same E_SCOPE through run(), the run tool, connectors run, POST .../run and MCP --code", async () => {
    const before = h.sandbox.harvest.stats.requests;
    const readOnly = readOnlyOptions();
    const script = `await harvest.${WRITE.entity}.${WRITE.action}(${JSON.stringify(WRITE.params)});`;

    await expect(connect("harvest", readOnly).run(script)).rejects.toMatchObject({ code: "E_SCOPE", entity: "time_entries", action: "create" });
    expect(await connect("harvest", readOnly).runTool().run({ code: script })).toMatchObject({ isError: true, text: expect.stringMatching(/^Error E_SCOPE at line 1: /) });

    const cli = await run(["run", "harvest", "--read-only", "--eval", script], { env: cliEnv() });
    expect(cli.code).toBe(4);
    expect(cli.stderr).toMatch(/^ScopeError: harvest time_entries\.create is out of scope/);

    const account = await readOnlyAccount("Script scopes");
    const hosted = await h.call("POST", `/api/v1/integrations/connectors/${account.id}/run`, account.token, { code: script });
    expect(hosted.status).toBe(403);
    expect(hosted.body.error.code).toBe("E_SCOPE");

    const client = await inMemoryClient(new ConnectorsMcpServer({ connectors: ["harvest"], code: true }), { connectors: { harvest: readOnly } });
    const mcp = await client.callTool({ name: "harvest_run", arguments: { code: script } });
    expect(mcp.isError).toBe(true);
    expect(text(mcp)).toMatch(/^Error E_SCOPE at line 1: /);
    await client.close();

    expect(h.sandbox.harvest.stats.requests).toBe(before);
  });
});
