/**
 * Names and input limits through the library, the agent tool and MCP (stdio and HTTP). Promises: "constructor",
 * "__proto__", "hasOwnProperty", "toString" and "prototype" are unknown names everywhere (the agent tool threw a
 * TypeError for them); a "__proto__" param is refused as unknown (it vanished); params deeper than 32 levels, larger
 * than 1 MiB, cyclic, or holding a function are refused naming the limit, with nothing sent; a NUL in an entity or
 * action is refused; MCP arguments nested 50,000 deep get a clean error over both transports (HTTP answered 500);
 * execute options of the wrong type (budget: true counted as $1) are refused before anything is sent.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecuteTool } from "../../src/agent/index.js";
import { ValidationError } from "../../src/errors.js";
import { ConnectorsMcpServer } from "../../src/mcp/index.js";
import { connect } from "../../src/runtime/connector.js";
import { mockApi, paid } from "../runtime/helpers.js";

const PROTOTYPE_NAMES = ["constructor", "__proto__", "hasOwnProperty", "toString", "prototype", "valueOf"];
const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** A connector whose every request is recorded and answered, so a test sees whether anything was sent. */
function recorded() {
  const { agent, sent, on } = mockApi();
  on("https://api.harvestapp.com", "GET", "/", () => [200, { id: 1 }], 1000);
  return { harvest: connect("harvest", { dispatcher: agent, credentials: { token: "t", account_id: "1" }, retries: 0 }), sent };
}

describe("prototype names", () => {
  it("are unknown entities and actions to the agent tool, which answers with a typed error and never throws", async () => {
    const { harvest, sent } = recorded();
    const tool = createExecuteTool(harvest);
    for (const name of PROTOTYPE_NAMES) {
      for (const args of [{ entity: "time_entries", action: name }, { entity: name, action: "list" }]) {
        const result = await tool.run(args);
        expect(result.isError, JSON.stringify(args)).toBe(true);
        expect(result.text, JSON.stringify(args)).toMatch(/^Error E_VALIDATION: unknown (entity|action)/);
      }
    }
    expect(sent).toEqual([]);
  });

  it("are unknown to the library, and a __proto__ param is refused as unknown, not dropped", async () => {
    const { harvest, sent } = recorded();
    for (const name of PROTOTYPE_NAMES) {
      await expect(harvest.execute("time_entries", name)).rejects.toThrow(/unknown action/);
      await expect(harvest.execute(name, "list")).rejects.toThrow(/unknown entity/);
    }
    for (const params of ['{"__proto__": 5}', '{"__proto__": {"page": 2}}', '{"constructor": 1}', '{"prototype": "x"}']) {
      const error = await harvest.execute("users", "me", JSON.parse(params)).catch((e: unknown) => e);
      expect(error, params).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0], params).toMatchObject({ param: Object.keys(JSON.parse(params))[0], message: expect.stringMatching(/unknown param/) });
    }
    expect(sent).toEqual([]);
  });
});

describe("input limits", () => {
  const deep = (depth: number) => {
    const root: Record<string, unknown> = {};
    let node = root;
    for (let i = 0; i < depth; i++) node = node.a = {};
    return root;
  };
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  it.each([
    ["nested 10,000 deep", { notes: deep(10_000) }, /nests deeper than 32 levels/],
    ["nested 33 deep", { notes: deep(33) }, /nests deeper than 32 levels/],
    ["cyclic", { notes: cyclic }, /nests deeper than 32 levels/],
    ["over 1 MiB", { notes: Array.from({ length: 20 }, () => "x".repeat(60_000)) }, /larger than 1048576 bytes/],
    ["one string over 256 KiB", { notes: "x".repeat(300_000) }, /longer than 262144 characters/],
    ["a function", { notes: () => 1 }, /must be a JSON value/],
    ["a key holding a NUL", { "no\u0000tes": "x" }, /control characters/],
  ])("params %s are refused naming the limit, nothing sent", async (_, params, message) => {
    const { harvest, sent } = recorded();
    const error = await harvest.execute("time_entries", "create", { project_id: 1, task_id: 1, spent_date: "2026-06-01", ...params }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(message);
    expect(sent).toEqual([]);
  });

  it("refuses an entity or action holding a NUL or longer than 128 characters, in the library and the agent tool", async () => {
    const { harvest, sent } = recorded();
    for (const [entity, action] of [["users\u0000", "me"], ["users", "me\u0000"], ["users", "m".repeat(129)]]) {
      await expect(harvest.execute(entity!, action!)).rejects.toThrow(/invalid (entity|action)/);
      expect((await createExecuteTool(harvest).run({ entity, action })).text).toMatch(/^Error E_VALIDATION/);
    }
    expect(sent).toEqual([]);
  });

  it("refuses execute options of the wrong type before anything is sent (budget: true was $1)", async () => {
    const { agent, sent } = mockApi();
    const connector = paid({ dispatcher: agent });
    for (const options of [{ budget: true }, { budget: "abc" }, { budget: Number.NaN }, { limit: "abc" }, { all: "yes" }, { cursor: "c".repeat(70_000) }]) {
      const error = await connector.execute("people", "get", { id: "p1" }, options as never).catch((e: unknown) => e);
      expect(error, JSON.stringify(options)).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(new RegExp(`${Object.keys(options)[0]}: must|cursor: is longer`));
      expect((error as Error).message.length).toBeLessThan(1000);
    }
    expect(sent).toEqual([]);
  });

  it("are the same for the agent tool: a deep params value is a typed error text, not a crash", async () => {
    const { harvest } = recorded();
    const text = (await createExecuteTool(harvest).run(`{"entity":"users","action":"get","params":{"id":${deepJson(20_000)}}}`)).text;
    expect(text).toMatch(/^Error E_VALIDATION: params over the input limits[\s\S]*nests deeper than 32 levels/);
  });
});

describe("MCP arguments nested 50,000 deep", () => {
  let server: ConnectorsMcpServer;
  let url: string;

  beforeAll(async () => {
    server = new ConnectorsMcpServer({ connectors: ["harvest"], sandbox: true });
    ({ url } = await server.serveHttp({ port: 0, tokens: { resolveToken: (token) => (token === "tok" ? { connectors: { harvest: {} } } : undefined) } }));
  });
  afterAll(() => server?.stop());

  const toolCall = (id: number, depth: number) =>
    `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"harvest_execute","arguments":{"entity":"users","action":"get","params":{"id":${deepJson(depth)}}}}}`;

  it("get a 400 parse error over HTTP, and params 100 deep the runtime's named limit", async () => {
    const post = (body: string) =>
      fetch(url, { method: "POST", headers: { Authorization: "Bearer tok", "Content-Type": "application/json", Accept: "application/json, text/event-stream" }, body });
    const tooDeep = await post(toolCall(1, 50_000));
    expect(tooDeep.status).toBe(400);
    expect(await tooDeep.json()).toMatchObject({ error: { code: -32700, message: expect.stringMatching(/nests deeper than 256 levels/) } });
    const deep = await post(toolCall(2, 100));
    expect(deep.status).toBe(200);
    expect(await deep.text()).toMatch(/E_VALIDATION: params over the input limits[\s\S]*nests deeper than 32 levels/);
  });

  it("get the runtime's named limit over stdio, and the server goes on answering", async () => {
    const child = spawn(process.execPath, [CLI, "mcp", "harvest", "--sandbox"], { stdio: ["pipe", "pipe", "pipe"] });
    const answers = new Map<number, string>();
    let buffered = "";
    const answered = (id: number) =>
      new Promise<string>((resolve) => {
        const look = () => (answers.has(id) ? resolve(answers.get(id)!) : child.stdout!.once("data", () => setImmediate(look)));
        look();
      });
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let end = buffered.indexOf("\n"); end !== -1; end = buffered.indexOf("\n")) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        const message = JSON.parse(line) as { id?: number };
        if (typeof message.id === "number") answers.set(message.id, line);
      }
    });
    try {
      const send = (line: string) => child.stdin!.write(`${line}\n`);
      send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } }));
      await answered(1);
      send(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
      send(toolCall(2, 50_000));
      expect(await answered(2)).toMatch(/E_VALIDATION: params over the input limits[\s\S]*nests deeper than 32 levels/);
      send(JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list" }));
      expect(await answered(3)).toContain("harvest_execute");
    } finally {
      child.kill();
    }
  });
});
