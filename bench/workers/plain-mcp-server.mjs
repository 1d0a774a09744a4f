/**
 * The baseline for the MCP round trip: a minimal MCP server written with the official @modelcontextprotocol/sdk
 * alone (McpServer over stdio), one tool wrapping connect("harvest").execute, as a user would write by hand.
 * Reads the connector's base URL and credentials from the environment like `connectors mcp`.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { connect } from "../../dist/index.js";

const harvest = connect("harvest");
const server = new McpServer({ name: "plain-harvest", version: "1.0.0" });
server.registerTool(
  "harvest_execute",
  {
    description: "Run a Harvest action: entity, action and its params.",
    inputSchema: { entity: z.string(), action: z.string(), params: z.record(z.string(), z.unknown()).optional() },
  },
  async ({ entity, action, params }) => {
    const result = await harvest.execute(entity, action, params ?? {});
    return { content: [{ type: "text", text: JSON.stringify(result.data) }] };
  },
);
await server.connect(new StdioServerTransport());
