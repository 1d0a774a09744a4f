/** The agent face: one tool per connector (plus an optional describe tool), in every framework's shape. */
export { createExecuteTool } from "./execute-tool.js";
export { createDescribeTool } from "./describe-tool.js";
export type { AgentTool, AnthropicTool, JsonSchema, LangChainTool, OpenAITool, ToolCall, ToolOptions, ToolResult, VercelAITool } from "./types.js";
