/** MCP clients for the tests (the official SDK's), connected to an in-process server, over HTTP, or to the built CLI. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ConnectorsMcpServer, McpUser } from "../../src/mcp/index.js";

export function newClient(): Client {
  return new Client({ name: "agent-connectors-tests", version: "1.0.0" });
}

/** A client talking to `server` in memory, as `user`. */
export async function inMemoryClient(server: ConnectorsMcpServer, user: McpUser): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = newClient();
  // The server waits for the client's initialize, so both connect at once.
  await Promise.all([server.connect(serverSide, user), client.connect(clientSide)]);
  return client;
}

export async function httpClient(url: string, token: string): Promise<Client> {
  const client = newClient();
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

/** The text of a tool result. */
export function text(result: unknown): string {
  const [first] = (result as CallToolResult).content;
  if (first?.type !== "text") throw new Error(`expected a text result, got ${JSON.stringify(result)}`);
  return first.text;
}
