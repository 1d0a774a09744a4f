/**
 * Each connector as MCP tools: `<name>_execute` (the agent tool: same name, description, input and error texts) and
 * `<name>_describe`. The listing is built once; each call gets a fresh connector bound to its own user's credentials.
 */
import type { Context, ContentResult, Tool } from "fastmcp";
import { createDescribeTool, createExecuteTool, type Scope, type ToolCall, type ToolResult } from "../agent/index.js";
import type { CredentialStore } from "../credentials/types.js";
import type { Manifest } from "../manifest/types.js";
import { connect } from "../runtime/connector.js";
import { describeAnnotations, executeAnnotations } from "./annotations.js";
import { toolParameters } from "./parameters.js";
import type { McpUser } from "./types.js";

export interface ToolSettings {
  /** Serve only read-only actions (the agent tool's readOnly scope). */
  readOnly: boolean;
  /** Run against the embedded sandbox. */
  sandbox: boolean;
}

export function executeTool(manifest: Manifest, settings: ToolSettings): Tool<McpUser> {
  const scope = { readOnly: settings.readOnly };
  const listed = createExecuteTool(connect(manifest), scope);
  return {
    name: listed.name,
    description: listed.description,
    parameters: toolParameters(listed.inputSchema),
    annotations: executeAnnotations(manifest, settings.readOnly),
    async execute(args, context) {
      const connector = connect(manifest, { sandbox: settings.sandbox, credentials: credentialsFor(context.session, manifest.name, settings.sandbox) });
      return toolResult(await createExecuteTool(connector, userScope(scope, context.session, manifest.name)).run(args, callOptions(context)));
    },
  };
}

export function describeTool(manifest: Manifest, settings: ToolSettings): Tool<McpUser> {
  const tool = createDescribeTool(connect(manifest), { readOnly: settings.readOnly });
  return {
    name: tool.name,
    description: tool.description,
    parameters: toolParameters(tool.inputSchema),
    annotations: describeAnnotations(manifest),
    execute: async (args) => toolResult(await tool.run(args)),
  };
}

/** Nothing: a user with no account for a connector gets an auth error naming the credentials, not someone else's. */
const NO_CREDENTIALS: CredentialStore = { get: () => undefined };

function credentialsFor(user: McpUser | undefined, connector: string, sandbox: boolean): CredentialStore | undefined {
  const own = user && Object.hasOwn(user.credentials, connector) ? user.credentials[connector] : undefined;
  // The sandbox brings its own public credentials; anywhere else, never the server's environment.
  return own ?? (sandbox ? undefined : NO_CREDENTIALS);
}

/** The server's scope narrowed by the user's own for this connector: both must allow an action. */
function userScope(server: Scope, user: McpUser | undefined, connector: string): Scope {
  const own = user?.scopes && Object.hasOwn(user.scopes, connector) ? user.scopes[connector] : undefined;
  if (!own) return server;
  return { allow: own.allow, readOnly: !!server.readOnly || !!own.readOnly };
}

/** The client's cancellation, and a progress notification per page while a list is walked. */
function callOptions(context: Context<McpUser>): ToolCall {
  return {
    signal: context.signal,
    onPage: ({ pages, records }) => void context.reportProgress({ progress: pages, message: `page ${pages}, ${records} records` }),
  };
}

function toolResult({ text, isError }: ToolResult): ContentResult {
  return { content: [{ type: "text", text }], ...(isError ? { isError: true } : {}) };
}
