/** The MCP server: each connector as one tool, over stdio, Streamable HTTP, or any MCP transport. */
export { ConnectorsMcpServer, type HttpServeOptions, type McpServerOptions } from "./server.js";
export { readTokenFile } from "./token-file.js";
export type { McpUser, TokenResolver } from "./types.js";
