/**
 * Each connector as MCP tools: `<name>_execute` (the agent tool: same name, description, input and error texts), or
 * `<name>_read` and `<name>_write` when split, `<name>_run` for code mode when asked, and `<name>_describe`. A tool set is built once per connector and scope
 * (the catalog and description are the costly part) and cached; each call runs on its user's own connection, made
 * once per connection, with the call's signal.
 */
import type { Context, ContentResult, Tool } from "fastmcp";
import { createDescribeTool, createExecuteTool, createRunTool, type AgentTool, type ToolCall, type ToolResult } from "../agent/index.js";
import type { Manifest } from "../manifest/types.js";
import { connect, type AnyConnector } from "../runtime/connector.js";
import type { Scope } from "../runtime/scope.js";
import { describeAnnotations, executeAnnotations } from "./annotations.js";
import { toolParameters } from "./parameters.js";
import type { McpConnection, McpUser } from "./types.js";

export interface ToolSettings {
  /** Serve only read-only actions, whoever the user. */
  readOnly: boolean;
  /** Run against the embedded sandbox. */
  sandbox: boolean;
  /** Two execute tools per connector, `<name>_read` and `<name>_write`, so a client can approve reads alone. */
  split: boolean;
  /** Also `<name>_run`: code mode, a script against the connector's API. */
  code: boolean;
}

export class ToolShelf {
  private readonly sets = new Map<string, Tool<McpUser>[]>();
  private readonly connections = new WeakMap<McpConnection, AnyConnector>();

  constructor(
    private readonly manifests: readonly Manifest[],
    private readonly settings: ToolSettings,
  ) {}

  /** The tools a user sees: for each connector they have a connection to, what their scope (and the server's) allows. */
  toolsFor(user: McpUser): Tool<McpUser>[] {
    return this.manifests.flatMap((manifest) => {
      const connection = Object.hasOwn(user.connectors, manifest.name) ? user.connectors[manifest.name] : undefined;
      return connection ? this.toolSet(manifest, connection) : [];
    });
  }

  private toolSet(manifest: Manifest, connection: McpConnection): Tool<McpUser>[] {
    const scope: Scope = { allow: connection.allow, readOnly: this.settings.readOnly || !!connection.readOnly };
    const key = JSON.stringify([manifest.name, scope.allow ?? null, scope.readOnly, connection.credentialAdvice ?? null]);
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = this.buildSet(manifest, scope, connection.credentialAdvice)));
    return set;
  }

  private buildSet(manifest: Manifest, scope: Scope, credentialAdvice: string | undefined): Tool<McpUser>[] {
    // The catalog is the manifest's at this scope; no credentials are read to build it.
    const template = connect(manifest, { ...scope, credentials: {} });
    const tools = this.settings.split
      ? [
          createExecuteTool(template, { readOnly: true, name: `${manifest.name}_read`, credentialAdvice }),
          createExecuteTool(template, { allow: writeActions(template), name: `${manifest.name}_write`, credentialAdvice }),
        ]
      : [createExecuteTool(template, { credentialAdvice })];
    if (this.settings.code) tools.push(createRunTool(template, { credentialAdvice }));
    const offered = tools.filter((tool) => tool.effects.actions > 0);
    if (!offered.length) return [];
    const label = (tool: AgentTool) => (tool.name.endsWith("_run") ? " (code)" : !this.settings.split ? "" : tool.effects.readOnly ? " (reads)" : " (writes)");
    return [
      ...offered.map((tool) => this.executeTool(manifest, tool, label(tool))),
      this.describeTool(manifest, createDescribeTool(template)),
    ];
  }

  private executeTool(manifest: Manifest, tool: AgentTool, label: string): Tool<McpUser> {
    return {
      name: tool.name,
      description: tool.description,
      parameters: toolParameters(tool.inputSchema),
      annotations: executeAnnotations(manifest, tool.effects, label),
      execute: async (args, context) => toolResult(await tool.run(args, this.callOptions(manifest, context))),
    };
  }

  private describeTool(manifest: Manifest, tool: AgentTool): Tool<McpUser> {
    return {
      name: tool.name,
      description: tool.description,
      parameters: toolParameters(tool.inputSchema),
      annotations: describeAnnotations(manifest),
      execute: async (args) => toolResult(await tool.run(args)),
    };
  }

  /** The user's connection, the client's cancellation, and a progress notification per page while a list is walked. */
  private callOptions(manifest: Manifest, context: Context<McpUser>): ToolCall {
    const connection = context.session!.connectors[manifest.name]!;
    return {
      connector: this.connectorFor(manifest, connection),
      signal: context.signal,
      onPage: ({ pages, records }) => void context.reportProgress({ progress: pages, message: `page ${pages}, ${records} records` }),
    };
  }

  private connectorFor(manifest: Manifest, connection: McpConnection): AnyConnector {
    let connector = this.connections.get(connection);
    if (!connector) {
      const { credentialAdvice: _advice, ...options } = connection;
      this.connections.set(connection, (connector = connect(manifest, { ...options, sandbox: this.settings.sandbox || options.sandbox })));
    }
    return connector;
  }
}

/** Every action in the connection's scope that is not read-only, as allow patterns. */
function writeActions(connector: AnyConnector): string[] {
  return connector.entities.flatMap(({ name, actions }) =>
    actions.filter((action) => connector.allows(name, action) && !connector.plan(name, action).readOnly).map((action) => `${name}.${action}`),
  );
}

function toolResult({ text, isError }: ToolResult): ContentResult {
  return { content: [{ type: "text", text }], ...(isError ? { isError: true } : {}) };
}
