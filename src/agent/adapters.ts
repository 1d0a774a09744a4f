/** One tool, every framework's shape. Each adapter runs the call through invoke, so errors stay result text. */
import { toLangChainTool } from "./langchain.js";
import type { AgentTool, AnthropicTool, OpenAITool, ToolCore, ToolRunner, VercelAITool } from "./types.js";

export function withAdapters(runner: ToolRunner): AgentTool {
  const core: ToolCore = { ...runner, invoke: async (args) => (await runner.run(args)).text };
  return {
    ...core,
    toOpenAITool: () => openAITool(core),
    toAnthropicTool: () => anthropicTool(core),
    toVercelAITool: () => vercelAITool(core),
    toLangChainTool: <T>() => toLangChainTool<T>(core),
  };
}

function openAITool(core: ToolCore): OpenAITool {
  return { type: "function", function: { name: core.name, description: core.description, parameters: core.inputSchema } };
}

function anthropicTool(core: ToolCore): AnthropicTool {
  return { name: core.name, description: core.description, input_schema: core.inputSchema };
}

function vercelAITool(core: ToolCore): VercelAITool {
  const schema = vercelJsonSchema(core.inputSchema);
  return { description: core.description, inputSchema: schema, parameters: schema, execute: (args) => core.invoke(args) };
}

/**
 * What the AI SDK's jsonSchema() returns, made without importing `ai`: the SDK recognises a schema by the global
 * symbol and the jsonSchema and validate keys. No validate: invoke checks the input and explains what is wrong.
 */
function vercelJsonSchema(jsonSchema: ToolCore["inputSchema"]): VercelAITool["inputSchema"] {
  return { [Symbol.for("vercel.ai.schema")]: true, _type: undefined, jsonSchema, validate: undefined };
}
