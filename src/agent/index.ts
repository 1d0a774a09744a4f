/** The agent face: one tool per connector (plus optional describe and code-mode tools), in every framework's shape. */
export { createExecuteTool } from "./execute-tool.js";
export { createDescribeTool } from "./describe-tool.js";
export { createRunTool, type RunToolOptions } from "./run-tool.js";
export { codeDeclaration } from "./declaration.js";
export { buildCatalog } from "./catalog.js";
export type { AgentTool, AnthropicTool, JsonSchema, LangChainTool, OpenAITool, ToolCall, ToolOptions, ToolResult, VercelAITool } from "./types.js";
