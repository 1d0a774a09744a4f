/** The LangChain adapter: @langchain/core is optional, so it is imported only when this adapter is asked for. */
import type { LangChainTool, ToolCore } from "./types.js";

export async function toLangChainTool<T = LangChainTool>(core: ToolCore): Promise<T> {
  let tools: typeof import("@langchain/core/tools");
  try {
    tools = await import("@langchain/core/tools");
  } catch (error) {
    throw new Error(`toLangChainTool() needs @langchain/core: npm install @langchain/core (${(error as Error).message})`);
  }
  return tools.tool((input: unknown) => core.invoke(input), { name: core.name, description: core.description, schema: core.inputSchema }) as T;
}
