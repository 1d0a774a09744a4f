/** Each framework's tool shape, and each one running a call against the sandbox through invoke. */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { generateText } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it, vi } from "vitest";
import { useHarvestSandbox } from "./sandbox.js";

const { harvest, sent } = useHarvestSandbox();
const call = { entity: "users", action: "me" };

describe("the tool itself", () => {
  it("is named <connector>_execute and takes entity, action and params", () => {
    const tool = harvest().tool();
    expect(tool.name).toBe("harvest_execute");
    expect(tool.inputSchema).toMatchObject({
      type: "object",
      required: ["entity", "action"],
      additionalProperties: false,
      properties: { entity: { type: "string" }, action: { type: "string" }, params: { type: "object" }, cursor: { type: "string" }, all: { type: "boolean" }, limit: { type: "integer" }, fields: { type: "array" } },
    });
  });
});

describe("OpenAI function calling", () => {
  it("has the function shape, and runs a tool call's JSON arguments", async () => {
    const tool = harvest().tool();
    const openai = tool.toOpenAITool();
    expect(openai).toEqual({ type: "function", function: { name: "harvest_execute", description: tool.description, parameters: tool.inputSchema } });
    // A chat completion's tool_calls[i].function.arguments is a JSON string.
    const text = await tool.invoke(JSON.stringify(call));
    expect(JSON.parse(text).data.first_name).toBe("Alex");
    expect(sent()).toEqual(["GET /users/me"]);
  });
});

describe("Anthropic tool use", () => {
  it("has the tool shape, and runs a tool_use block's input", async () => {
    const tool = harvest().tool();
    expect(tool.toAnthropicTool()).toEqual({ name: "harvest_execute", description: tool.description, input_schema: tool.inputSchema });
    const toolUse = { type: "tool_use", id: "toolu_1", name: "harvest_execute", input: call };
    expect(JSON.parse(await tool.invoke(toolUse.input)).data.first_name).toBe("Alex");
  });
});

describe("Vercel AI SDK", () => {
  it("is a tool generateText accepts: the model sees the JSON Schema, and the call runs through execute", async () => {
    const tool = harvest().tool();
    const model = new MockLanguageModelV3({
      doGenerate: async () => ({
        content: [{ type: "tool-call", toolCallId: "call_1", toolName: "harvest_execute", input: JSON.stringify(call) }],
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
        usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
        warnings: [],
      }),
    });
    const result = await generateText({ model, prompt: "Who am I on Harvest?", tools: { harvest_execute: tool.toVercelAITool() } });
    expect(model.doGenerateCalls[0]!.tools).toEqual([expect.objectContaining({ type: "function", name: "harvest_execute", description: tool.description, inputSchema: tool.inputSchema })]);
    const [toolResult] = result.toolResults;
    expect(JSON.parse(toolResult!.output as string).data.first_name).toBe("Alex");
  });
});

describe("LangChain", () => {
  it("is a StructuredTool that runs the call", async () => {
    const tool = harvest().tool();
    const langchain = await tool.toLangChainTool<StructuredToolInterface>();
    expect(langchain).toMatchObject({ name: "harvest_execute", description: tool.description });
    expect(JSON.parse((await langchain.invoke(call)) as string).data.first_name).toBe("Alex");
  });

  it("says how to install @langchain/core when it is missing", async () => {
    vi.resetModules();
    vi.doMock("@langchain/core/tools", () => {
      throw new Error("Cannot find package '@langchain/core'");
    });
    try {
      const { connect } = await import("../../src/index.js");
      await expect(connect("harvest").tool().toLangChainTool()).rejects.toThrow(/^toLangChainTool\(\) needs @langchain\/core: npm install @langchain\/core/);
    } finally {
      vi.doUnmock("@langchain/core/tools");
      vi.resetModules();
    }
  });
});
