/**
 * The MCP face: each connector as one tool (plus its describe tool and its reference as a resource), served with
 * FastMCP over stdio for a local user, over stateless Streamable HTTP at /mcp for bearer-token users, or over any
 * MCP transport (an in-memory one in tests).
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { FastMCP, FastMCPSession, type Logger, type Resource, type Tool } from "fastmcp";
import { packageRoot } from "../manifest/built.js";
import type { Manifest } from "../manifest/types.js";
import { connect } from "../runtime/connector.js";
import { bearerAuthenticator } from "./bearer.js";
import { stderrLogger } from "./logger.js";
import { referenceResource, referenceUri } from "./resources.js";
import { describeTool, executeTool } from "./tools.js";
import type { McpUser, TokenResolver } from "./types.js";

export interface McpServerOptions {
  /** Bundled connector names, or manifests. */
  connectors: (string | Manifest)[];
  /** Serve only read-only actions, and say so in the tools' annotations. */
  readOnly?: boolean;
  /** Run every call against the embedded sandbox. */
  sandbox?: boolean;
  /** Default: stderr (stdout belongs to the protocol on stdio). */
  logger?: Logger;
}

export interface HttpServeOptions {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Who each request's bearer token belongs to. */
  tokens: TokenResolver;
}

type Version = `${number}.${number}.${number}`;

export class ConnectorsMcpServer {
  private readonly manifests: Manifest[];
  private readonly tools: Tool<McpUser>[];
  private readonly resources: Resource<McpUser>[];
  private readonly logger: Logger;
  private http?: FastMCP<McpUser>;

  constructor(options: McpServerOptions) {
    this.manifests = options.connectors.map((c) => (typeof c === "string" ? connect(c).manifest : c));
    const settings = { readOnly: !!options.readOnly, sandbox: !!options.sandbox };
    this.tools = this.manifests.flatMap((m) => [executeTool(m, settings), describeTool(m, settings)]);
    this.resources = this.manifests.map(referenceResource).filter((r) => r !== undefined);
    this.logger = options.logger ?? stderrLogger();
  }

  /** Serves one client on stdin/stdout, every call with `user`'s credentials; resolves when the client disconnects. */
  async serveStdio(user: McpUser): Promise<void> {
    // On stdio FastMCP asks authenticate (with no request) once for the session's user.
    const server = this.fastMcp(async () => user);
    const closed = new Promise<void>((resolve) => server.once("disconnect", () => resolve()));
    await server.start({ transportType: "stdio" });
    await closed;
  }

  /** Starts Streamable HTTP at /mcp, stateless: each request is its own session, as the user its bearer token names. */
  async serveHttp(options: HttpServeOptions): Promise<void> {
    const server = this.fastMcp(bearerAuthenticator(options.tokens));
    await server.start({ transportType: "httpStream", httpStream: { port: options.port, host: options.host ?? "127.0.0.1", endpoint: "/mcp", stateless: true } });
    this.http = server;
  }

  /** One session over any MCP transport, as `user`. */
  async connect(transport: Transport, user: McpUser): Promise<FastMCPSession<McpUser>> {
    const session = new FastMCPSession<McpUser>({ ...this.identity(), auth: user, logger: this.logger, tools: this.tools, resources: this.resources, resourcesTemplates: [], prompts: [] });
    await session.connect(transport);
    return session;
  }

  async stop(): Promise<void> {
    await this.http?.stop();
  }

  private fastMcp(authenticate: (request: IncomingMessage) => Promise<McpUser | undefined>): FastMCP<McpUser> {
    const server = new FastMCP<McpUser>({ ...this.identity(), logger: this.logger, authenticate });
    server.addTools(this.tools);
    server.addResources(this.resources);
    return server;
  }

  private identity(): { name: string; version: Version; instructions: string } {
    return { name: "agent-connectors", version: packageVersion(), instructions: this.instructions() };
  }

  private instructions(): string {
    const references = new Set(this.resources.map((r) => r.uri));
    return this.manifests
      .map((m) => {
        const reference = references.has(referenceUri(m.name)) ? `; ${referenceUri(m.name)} documents every action` : "";
        return `${m.title}: ${m.name}_execute runs any ${m.name} action as {entity, action, params}; ${m.name}_describe gives an action's full params${reference}.`;
      })
      .join("\n");
  }
}

function packageVersion(): Version {
  return (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: Version }).version;
}
