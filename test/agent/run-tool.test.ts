/** `<name>_run`: code mode as an agent tool, its TypeScript description, its answers and errors as text, in every framework's shape. */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { generateText } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { connect } from "../../src/index.js";
import { useHarvestSandbox } from "./sandbox.js";

const { harvest, sent } = useHarvestSandbox();

/** June's hours per client: JavaScript a model writes, typed enough for the declaration's check (it runs as is too). */
const JUNE_HOURS = `
  const { data } = await harvest.time_entries.list({ from: "2026-06-01", to: "2026-06-30" }, { all: true });
  const hours = Object.create(null);
  for (const entry of data) hours[entry.client.name] = (hours[entry.client.name] ?? 0) + entry.hours;
  console.log("entries:", data.length);
  return hours;
`;

describe("the description", () => {
  it("declares the API in TypeScript, with the rules, in at most 16,000 characters for harvest", () => {
    const { description, name, inputSchema } = harvest().runTool();
    expect(name).toBe("harvest_run");
    expect(inputSchema).toEqual({ type: "object", properties: { code: expect.objectContaining({ type: "string" }) }, required: ["code"], additionalProperties: false });
    expect(description.length).toBeLessThanOrEqual(16_000);
    expect(description).toMatch(/^\/\/ harvest_run: run a JavaScript program against Harvest \(harvest\); only its answer comes back\./);
    expect(description).toContain("// - Dates are YYYY-MM-DD");
    expect(description).toContain("Limits: 30 s, 64 MB, 1000 calls.");
    // Every action, with its list filters typed, and the records it returns (those of lists first, as many as fit).
    expect(description).toMatch(/ {4}list\(params\?: \{ user_id\?: number; client_id\?: number; .*from\?: date; to\?: date; updated_since\?: date \| datetime.*\}, options\?: Paging\): List<TimeEntry>;/);
    expect(description).toContain("    get(params: { id: number }): One<TimeEntry>;");
    expect(description).toMatch(/^interface TimeEntry \{ id: number; spent_date: date; user: IdName; client: IdName; .*hours: number; .*billable: boolean; /m);
    expect(description).toContain("interface IdName { id: number; name: string }");
    expect(description).toMatch(/ {4}time_by_client\(params: \{ from: date; to: date; include_fixed_fee\?: boolean/);
    const actions = connect("harvest").entities.reduce((n, e) => n + e.actions.length, 0);
    expect(description.match(/^ {4}\w+\(/gm)).toHaveLength(actions);
  });

  it("is valid TypeScript, against which a script type-checks and a wrong one does not", () => {
    const { description } = harvest().runTool();
    expect(typeErrors(description, JUNE_HOURS)).toEqual([]);
    expect(typeErrors(description, `await harvest.time_entries.list({ form: "2026-06-01" });`).join()).toMatch(/'form' does not exist/);
    expect(typeErrors(description, `const { data } = await harvest.time_entries.list(); return data[0].client.nope;`).join()).toMatch(/'nope' does not exist on type 'IdName'/);
    const harvestapi = connect("harvestapi").runTool({ budget: 0.5 }).description;
    expect(harvestapi).toContain("Limits: 30 s, 64 MB, 1000 calls, $0.5 spent in all.");
    expect(harvestapi).toContain("search(params?: {");
    expect(typeErrors(harvestapi, `const me = await harvestapi.account.me(); const work = harvestapi.account("work"); return [me.data, await work.profiles.get({ url: "u" })];`)).toEqual([]);
  });

  it("shows only the actions in scope, and says so", () => {
    const { description, effects } = harvest().runTool({ readOnly: true });
    expect(description).toContain("Only the actions declared below are allowed");
    expect(description).not.toMatch(/ create\(/);
    expect(effects.readOnly).toBe(true);
  });
});

describe("a call", () => {
  it("gives back only the answer, what it took, and the console lines", async () => {
    const text = await harvest().runTool().invoke({ code: JUNE_HOURS });
    const answer = JSON.parse(text);
    expect(Object.keys(answer)).toEqual(["result", "calls", "cost", "duration_ms", "logs"]);
    expect(answer).toMatchObject({ calls: 1, cost: 0, logs: [expect.stringMatching(/^entries: \d+$/)] });
    expect(Object.values(answer.result).every((h) => typeof h === "number")).toBe(true);
    expect(text.length).toBeLessThan(2_000);
  });

  it("reports a script error as text with the line and the message, never as a thrown exception", async () => {
    const tool = harvest().runTool();
    const failed = await tool.run({ code: `console.log("before");\nconst rows = null;\nreturn rows.length;` });
    expect(failed.isError).toBe(true);
    expect(failed.text).toMatch(/^Error E_SCRIPT: TypeError at line 3: cannot read property 'length' of null\nNext: fix the script at that line/);
    expect(failed.text).toMatch(/\nConsole:\nbefore$/);
    expect((await tool.run({ code: "return (" })).text).toMatch(/^Error E_SCRIPT: SyntaxError at line 1: /);
  });

  it("reports a call's error the script let through with the line of the call, and refuses out-of-scope calls before sending", async () => {
    const text = await harvest().runTool({ readOnly: true }).invoke({ code: `const c = 1;\nawait harvest.clients.create({ name: "Acme" });` });
    expect(text).toMatch(/^Error E_SCOPE at line 2: harvest clients\.create is out of scope \(this connection is read-only\); nothing was sent/);
    expect(sent()).toEqual([]);
  });

  it("reports a limit with what to do instead", async () => {
    const text = await harvest().runTool({ maxCalls: 2 }).invoke({ code: `for (let i = 0; i < 5; i++) await harvest.users.me();` });
    expect(text).toMatch(/^Error E_LIMIT: the script tried to make more than its limit of 2 calls.*\nNext: make fewer, wider calls/);
    const large = await harvest().runTool({ maxResultChars: 100 }).invoke({ code: `return "x".repeat(200)` });
    expect(large).toMatch(/^Error E_LIMIT: the script's result is 202 characters of JSON, over the limit of 100.*\nNext: return less/);
  });

  it("refuses input that is not a script", async () => {
    const tool = harvest().runTool();
    expect(await tool.invoke({})).toMatch(/^Error E_VALIDATION: "code" must be the script/);
    expect(await tool.invoke({ code: "return 1", entity: "users" })).toMatch(/^Error E_VALIDATION: unknown key entity/);
  });
});

describe("framework adapters", () => {
  it("OpenAI and Anthropic shapes run the same script", async () => {
    const tool = harvest().runTool();
    expect(tool.toOpenAITool()).toEqual({ type: "function", function: { name: "harvest_run", description: tool.description, parameters: tool.inputSchema } });
    expect(tool.toAnthropicTool()).toEqual({ name: "harvest_run", description: tool.description, input_schema: tool.inputSchema });
    const text = await tool.invoke(JSON.stringify({ code: "return (await harvest.users.me()).data.first_name" }));
    expect(JSON.parse(text).result).toBe("Alex");
  });

  it("the Vercel AI SDK runs a model's script through execute", async () => {
    const tool = harvest().runTool();
    const model = new MockLanguageModelV3({
      doGenerate: async () => ({
        content: [{ type: "tool-call", toolCallId: "call_1", toolName: "harvest_run", input: JSON.stringify({ code: "return (await harvest.users.me()).data.first_name" }) }],
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
        usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
        warnings: [],
      }),
    });
    const result = await generateText({ model, prompt: "Who am I?", tools: { harvest_run: tool.toVercelAITool() } });
    expect(JSON.parse(result.toolResults[0]!.output as string).result).toBe("Alex");
  });

  it("LangChain gets a StructuredTool", async () => {
    const tool = harvest().runTool();
    const langchain = await tool.toLangChainTool<StructuredToolInterface>();
    expect(langchain).toMatchObject({ name: "harvest_run", description: tool.description });
    expect(JSON.parse((await langchain.invoke({ code: "return 1 + 1" })) as string).result).toBe(2);
  });
});

/** Type errors of a script (the body of an async function) against a declaration. */
function typeErrors(declaration: string, script: string): string[] {
  const files: Record<string, string> = { "/api.d.ts": declaration, "/script.ts": `export {};\nasync function main() {\n${script}\n}\nvoid main;\n` };
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ["lib.es2022.d.ts"], types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) => (files[file] !== undefined ? ts.createSourceFile(file, files[file]!, language) : read(file, language));
  host.fileExists = (file) => files[file] !== undefined || ts.sys.fileExists(file);
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}
