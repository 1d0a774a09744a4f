/** The MCP tools over an in-memory transport: what tools/list advertises, calls against the sandbox, errors, progress, cancellation. */
import { spawnSync } from "node:child_process";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connect } from "../../src/index.js";
import { createAjv } from "../../src/manifest/ajv.js";
import { ConnectorsMcpServer } from "../../src/mcp/index.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { sharedSandbox } from "../../src/sandbox/shared.js";
import { inMemoryClient, text } from "./clients.js";

const sandboxUser = { connectors: { harvest: {}, harvestapi: {} } };
let client: Client;

beforeAll(async () => {
  client = await inMemoryClient(new ConnectorsMcpServer({ connectors: ["harvest", "harvestapi"], sandbox: true }), sandboxUser);
});
afterAll(() => client.close());

describe("tools/list", () => {
  it("gives each connector its agent tool and its describe tool, as the agent face has them", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["harvest_execute", "harvest_describe", "harvestapi_execute", "harvestapi_describe"]);
    const agentTool = connect("harvest").tool();
    const listed = tools[0]!;
    expect(listed.description).toBe(agentTool.description);
    expect(Object.keys(listed.inputSchema.properties!)).toEqual(Object.keys(agentTool.inputSchema.properties as object));
    expect(listed.inputSchema.required).toEqual(agentTool.inputSchema.required);
  });

  it("says the catch-all can write and delete on an open world, and the describe tool only reads", async () => {
    const { tools } = await client.listTools();
    expect(tools[0]!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: true });
    expect(tools[1]!.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
  });

  it("advertises params as an open object, so a client that checks the schema lets any action's fields through", async () => {
    const { tools } = await client.listTools();
    const schema = tools[0]!.inputSchema;
    expect(schema.properties!.params).toMatchObject({ type: ["object"], additionalProperties: true });
    const validate = createAjv().compile(schema);
    const call = { entity: "time_entries", action: "create", params: { project_id: 1, task_id: 2, spent_date: "2026-06-01", hours: 1.5, notes: "x" } };
    expect(validate(call), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe("resources", () => {
  it("serve each connector's REFERENCE.md", async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(["connectors://harvest/REFERENCE.md", "connectors://harvestapi/REFERENCE.md"]);
    const { contents } = await client.readResource({ uri: "connectors://harvest/REFERENCE.md" });
    expect(contents[0]).toMatchObject({ mimeType: "text/markdown", text: expect.stringContaining("# Harvest connector reference (`harvest`)") });
  });
});

describe("tools/call", () => {
  it("lists time entries from the sandbox", async () => {
    const result = await client.callTool({ name: "harvest_execute", arguments: { entity: "time_entries", action: "list", params: { from: "2026-06-01", per_page: 5 } } });
    expect(result.isError).toBeUndefined();
    const { data, meta } = JSON.parse(text(result));
    expect(data).toHaveLength(5);
    expect(data[0]).toMatchObject({ id: expect.any(Number), spent_date: expect.stringMatching(/^2026-06-/), hours: expect.any(Number) });
    expect(meta).toMatchObject({ connector: "harvest", entity: "time_entries", action: "list", status: 200, has_more: true });
  });

  it("answers a wrong entity, action or param with an isError result listing the valid ones", async () => {
    const call = (args: Record<string, unknown>) => client.callTool({ name: "harvest_execute", arguments: args });
    const entity = await call({ entity: "time_entry", action: "list" });
    expect(entity.isError).toBe(true);
    expect(text(entity)).toMatch(/^Error E_VALIDATION: unknown entity "time_entry" for harvest; entities: time_entries, projects, /);
    const action = await call({ entity: "time_entries", action: "remove" });
    expect(text(action)).toMatch(/unknown action "remove" for harvest time_entries; time_entries actions: list, .*create/);
    const param = await call({ entity: "time_entries", action: "list", params: { form: "2026-06-01" } });
    expect(param.isError).toBe(true);
    expect(text(param)).toContain("from: string (date)");
    const shape = await call({ entity: "time_entries" });
    expect(text(shape)).toMatch(/^Error E_VALIDATION: invalid tool input.*\n.*action: is required/s);
  });

  it("describes an action's params, and refuses an unknown entity the same way", async () => {
    const result = await client.callTool({ name: "harvest_describe", arguments: { entity: "time_entries", action: "create" } });
    expect(JSON.parse(text(result)).actions.create.params.required).toEqual(expect.arrayContaining(["project_id", "task_id", "spent_date"]));
    const wrong = await client.callTool({ name: "harvest_describe", arguments: { entity: "nope" } });
    expect(wrong.isError).toBe(true);
    expect(text(wrong)).toContain("entities: time_entries");
  });

  it("reports progress while all/limit walks pages", async () => {
    const progress: { progress: number; message?: string }[] = [];
    const args = { entity: "time_entries", action: "list", params: { per_page: 50 }, limit: 150, fields: ["id"] };
    const result = await client.callTool({ name: "harvest_execute", arguments: args }, undefined, { onprogress: (p) => progress.push(p) });
    expect(JSON.parse(text(result)).data).toHaveLength(150);
    expect(progress).toEqual([
      { progress: 1, message: "page 1, 50 records" },
      { progress: 2, message: "page 2, 100 records" },
      { progress: 3, message: "page 3, 150 records" },
    ]);
  });

  it("stops walking pages when the client cancels the call", async () => {
    const stats = sharedSandbox("harvest")!.sandbox.stats;
    const before = stats.requests;
    const cancel = new AbortController();
    const args = { entity: "time_entries", action: "list", params: { per_page: 10 }, all: true };
    const call = client.callTool({ name: "harvest_execute", arguments: args }, undefined, {
      signal: cancel.signal,
      onprogress: ({ progress }) => progress === 2 && cancel.abort(),
    });
    await expect(call).rejects.toThrow(/abort/i);
    const sentAtCancel = stats.requests;
    expect(sentAtCancel - before).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // At most the page already in flight when the cancellation arrived: not the 300 pages of a full walk.
    expect(stats.requests - sentAtCancel).toBeLessThanOrEqual(1);
  });
});

describe("--read-only", () => {
  it("serves only read-only actions, says so, and refuses a write before sending it", async () => {
    const readOnly = await inMemoryClient(new ConnectorsMcpServer({ connectors: ["harvest"], sandbox: true, readOnly: true }), sandboxUser);
    const { tools } = await readOnly.listTools();
    expect(tools[0]!.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });
    expect(tools[0]!.description).toContain("This tool is limited to the actions listed below.");
    const write = await readOnly.callTool({ name: "harvest_execute", arguments: { entity: "time_entries", action: "create", params: { project_id: 1, task_id: 1, spent_date: "2026-06-01" } } });
    expect(write.isError).toBe(true);
    expect(text(write)).toMatch(/^Error E_SCOPE: harvest time_entries\.create is out of scope \(this connection is read-only\); nothing was sent; time_entries actions in scope: list, get/);
    const read = await readOnly.callTool({ name: "harvest_execute", arguments: { entity: "users", action: "me" } });
    expect(JSON.parse(text(read)).data.first_name).toBe("Alex");
    await readOnly.close();
  });
});

describe("--split", () => {
  it("serves <name>_read and <name>_write, each honest about what it does and refusing the other's actions", async () => {
    const split = await inMemoryClient(new ConnectorsMcpServer({ connectors: ["harvest"], sandbox: true, split: true }), sandboxUser);
    const { tools } = await split.listTools();
    expect(tools.map((t) => t.name)).toEqual(["harvest_read", "harvest_write", "harvest_describe"]);
    const [read, write] = tools;
    expect(read!.annotations).toMatchObject({ readOnlyHint: true, title: "Harvest (reads)" });
    expect(write!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, title: "Harvest (writes)" });
    expect(read!.description).toMatch(/^time_entries: .*\n  list\([^)]*\) get\(id\*\)$/m);
    expect(write!.description).not.toMatch(/\blist\(/);
    expect(write!.description).toMatch(/\bcreate\(/);
    const listed = await split.callTool({ name: "harvest_read", arguments: { entity: "users", action: "me" } });
    expect(JSON.parse(text(listed)).data.first_name).toBe("Alex");
    const wrongTool = await split.callTool({ name: "harvest_write", arguments: { entity: "users", action: "me" } });
    expect(text(wrongTool)).toMatch(/^Error E_SCOPE: harvest users\.me is out of scope/);
    const created = await split.callTool({ name: "harvest_write", arguments: { entity: "tasks", action: "create", params: { name: "Split tool task" } } });
    expect(JSON.parse(text(created)).data.name).toBe("Split tool task");
    await split.close();
  });

  it("leaves out a tool with nothing in the user's scope", async () => {
    const split = await inMemoryClient(new ConnectorsMcpServer({ connectors: ["harvest"], sandbox: true, split: true }), { connectors: { harvest: { allow: ["projects.list"] } } });
    expect((await split.listTools()).tools.map((t) => t.name)).toEqual(["harvest_read", "harvest_describe"]);
    await split.close();
  });
});

describe("the FastMCP patch", () => {
  it("is applied to the installed FastMCP (no fixed 1 ms sleep per tools/call)", () => {
    const check = spawnSync(process.execPath, ["scripts/patch-dependencies.mjs", "--check"], { encoding: "utf8" });
    expect(check.stderr).toMatch(/fastmcp-4\.20\.16-no-idle-delay\.patch: already applied/);
    expect(check.status).toBe(0);
  });
});

describe("credentials", () => {
  it("never fall back to the server's environment for a user without credentials for the connector", async () => {
    // A sandbox over HTTP, where the server's environment points.
    const sandbox = await startSandbox();
    const info = sandbox.connectors.harvest!;
    vi.stubEnv("CONNECTORS_HARVEST_BASE_URL", info.baseUrl);
    vi.stubEnv("HARVEST_ACCESS_TOKEN", info.credentials.personal_access_token!.token!);
    vi.stubEnv("HARVEST_ACCOUNT_ID", info.credentials.personal_access_token!.account_id!);
    const requests = sandbox.harvest.stats.requests;
    const stranger = await inMemoryClient(new ConnectorsMcpServer({ connectors: ["harvest"] }), { connectors: { harvest: { credentials: {} } } });
    const result = await stranger.callTool({ name: "harvest_execute", arguments: { entity: "users", action: "me" } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^Error E_AUTH: /);
    expect(sandbox.harvest.stats.requests).toBe(requests);
    await stranger.close();
    await sandbox.close();
    vi.unstubAllEnvs();
  });
});
