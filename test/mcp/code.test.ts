/** `connectors mcp --code`: each connector's `<name>_run` beside its other tools, run by MCP clients in memory and over stdio. */
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/index.js";
import { ConnectorsMcpServer } from "../../src/mcp/index.js";
import { CLI, configDir } from "../cli/run.js";
import { inMemoryClient, newClient, text } from "./clients.js";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";

const server = new ConnectorsMcpServer({ connectors: ["harvest", "harvestapi"], sandbox: true, code: true });
let client: Client;
beforeAll(async () => {
  client = await inMemoryClient(server, { connectors: { harvest: {}, harvestapi: {} } });
});
afterAll(() => client.close());

const JUNE = `
  const { data } = await harvest.time_entries.list({ from: "2026-06-01", to: "2026-06-30" }, { all: true });
  return { entries: data.length, hours: Math.round(data.reduce((sum, e) => sum + e.hours, 0)) };
`;

describe("an MCP server with --code", () => {
  it("serves <name>_run with the agent face's description, labelled as code", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["harvest_execute", "harvest_run", "harvest_describe", "harvestapi_execute", "harvestapi_run", "harvestapi_describe"]);
    const run = tools[1]!;
    expect(run.description).toBe(connect("harvest").runTool().description);
    expect(run.inputSchema.required).toEqual(["code"]);
    expect(run.annotations).toMatchObject({ title: "Harvest (code)", readOnlyHint: false, openWorldHint: true });
    expect(client.getInstructions()).toContain("harvest_run runs a JavaScript program against its API");
  });

  it("runs a script and answers with its result only", async () => {
    const result = await client.callTool({ name: "harvest_run", arguments: { code: JUNE } });
    expect(result.isError).toBeUndefined();
    const { result: answer, calls } = JSON.parse(text(result));
    expect(calls).toBe(1);
    const direct = await connect("harvest", { sandbox: true }).execute<{ hours: number }[]>("time_entries", "list", { from: "2026-06-01", to: "2026-06-30" }, { all: true });
    expect(answer).toEqual({ entries: direct.data.length, hours: Math.round(direct.data.reduce((sum, e) => sum + e.hours, 0)) });
  });

  it("reports a failing script as an error result with its line", async () => {
    const result = await client.callTool({ name: "harvest_run", arguments: { code: "const a = 1;\nreturn a.b.c;" } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^Error E_SCRIPT: TypeError at line 2: /);
  });

  it("holds a user's scripts to their scope", async () => {
    const reader = await inMemoryClient(server, { connectors: { harvest: { readOnly: true } } });
    const { tools } = await reader.listTools();
    const run = tools.find((t) => t.name === "harvest_run")!;
    expect(run.annotations).toMatchObject({ readOnlyHint: true });
    const refused = await reader.callTool({ name: "harvest_run", arguments: { code: 'await harvest.clients.create({ name: "Acme" })' } });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/^Error E_SCOPE at line 1: /);
    await reader.close();
  });
});

describe("connectors mcp --code over stdio", () => {
  it("is what an MCP client runs: harvest_run against the sandbox", async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, "mcp", "harvest", "--sandbox", "--code"], env: { CONNECTORS_CONFIG_DIR: configDir() }, stderr: "pipe" });
    const stdio = newClient();
    await stdio.connect(transport);
    expect((await stdio.listTools()).tools.map((t) => t.name)).toEqual(["harvest_execute", "harvest_run", "harvest_describe"]);
    const answer = JSON.parse(text(await stdio.callTool({ name: "harvest_run", arguments: { code: JUNE } })));
    expect(answer.result.entries).toBeGreaterThan(0);
    await stdio.close();
  });
});
