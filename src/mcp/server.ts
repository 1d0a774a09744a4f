/**
 * The MCP face: each connector as tools (plus its describe tool and its reference as a resource), served by FastMCP
 * sessions over stdio for a local user, over stateless Streamable HTTP at /mcp for bearer-token users (each request a
 * session listing exactly that user's tools), or over any MCP transport (an in-memory one in tests).
 */
import type { IncomingMessage } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { FastMCPSession, type Logger, type Resource } from "fastmcp";
import { startHTTPServer } from "mcp-proxy";
import { packageVersion } from "../manifest/built.js";
import type { Manifest } from "../manifest/types.js";
import { connect } from "../runtime/connector.js";
import { bearerAuthenticator } from "./bearer.js";
import { stderrLogger } from "./logger.js";
import { referenceResource, referenceUri } from "./resources.js";
import { ToolShelf } from "./tools.js";
import type { McpUser, TokenResolver } from "./types.js";

export interface McpServerOptions {
  /** Bundled connector names, or manifests. */
  connectors: (string | Manifest)[];
  /** Serve only read-only actions, and say so in the tools' annotations. */
  readOnly?: boolean;
  /** Run every call against the embedded sandbox. */
  sandbox?: boolean;
  /** Serve `<name>_read` and `<name>_write` instead of one `<name>_execute`, so a client can approve reads alone. */
  split?: boolean;
  /** Also serve `<name>_run`: code mode, a JavaScript program against the connector, answered with only its result. */
  code?: boolean;
  /** Default: stderr (stdout belongs to the protocol on stdio). */
  logger?: Logger;
}

export interface HttpServeOptions {
  /** 0 for a free port (the URL serveHttp resolves to says which). */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Who each request's bearer token belongs to. */
  tokens: TokenResolver;
}

type Version = `${number}.${number}.${number}`;
type Transport_ = "stdio" | "httpStream";

export class ConnectorsMcpServer {
  private readonly manifests: Manifest[];
  private readonly shelf: ToolShelf;
  private readonly resources: Resource<McpUser>[];
  private readonly logger: Logger;
  private readonly split: boolean;
  private readonly code: boolean;
  private http?: { close(): Promise<void> };

  constructor(options: McpServerOptions) {
    this.manifests = options.connectors.map((c) => (typeof c === "string" ? connect(c).manifest : c));
    this.split = !!options.split;
    this.code = !!options.code;
    this.shelf = new ToolShelf(this.manifests, { readOnly: !!options.readOnly, sandbox: !!options.sandbox, split: this.split, code: this.code });
    this.resources = this.manifests.map(referenceResource).filter((r) => r !== undefined);
    this.logger = options.logger ?? stderrLogger();
  }

  /** Serves one client on stdin/stdout, every call as `user`; resolves when the client disconnects. */
  async serveStdio(user: McpUser): Promise<void> {
    const transport = new StdioServerTransport();
    const session = this.session(user, "stdio");
    const closed = new Promise<void>((resolve) => {
      const end = () => void transport.close().catch(() => undefined);
      process.stdin.once("end", end).once("close", end);
      transport.onclose = () => resolve();
    });
    await session.connect(transport);
    await closed;
    await session.close();
  }

  /**
   * Starts Streamable HTTP at /mcp, stateless: each request is its own session, as the user its bearer token names.
   * Resolves to the URL it serves.
   */
  async serveHttp(options: HttpServeOptions): Promise<{ url: string }> {
    const authenticate = memoized(bearerAuthenticator(options.tokens));
    const host = options.host ?? "127.0.0.1";
    // startHTTPServer does not say which port it bound, so port 0 becomes a free port here first.
    const port = options.port === 0 ? await freePort(host) : options.port;
    this.http = await startHTTPServer({
      authenticate,
      createServer: async (request) => this.session((await authenticate(request))!, "httpStream", true),
      host,
      port,
      stateless: true,
      streamEndpoint: "/mcp",
      sseEndpoint: null,
      eventStore: false,
    });
    return { url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/mcp` };
  }

  /** One session over any MCP transport, as `user`. */
  async connect(transport: Transport, user: McpUser): Promise<FastMCPSession<McpUser>> {
    const session = this.session(user, "stdio");
    await session.connect(transport);
    return session;
  }

  async stop(): Promise<void> {
    await this.http?.close();
  }

  private session(user: McpUser, transportType: Transport_, stateless = false): FastMCPSession<McpUser> {
    return new FastMCPSession<McpUser>({
      name: "agent-connectors",
      version: packageVersion() as Version,
      instructions: this.instructions(),
      auth: user,
      logger: this.logger,
      tools: this.shelf.toolsFor(user),
      hasTools: true,
      resources: this.resources,
      resourcesTemplates: [],
      prompts: [],
      transportType,
      stateless,
    });
  }

  private instructions(): string {
    const references = new Set(this.resources.map((r) => r.uri));
    return this.manifests
      .map((m) => {
        const reference = references.has(referenceUri(m.name)) ? `; ${referenceUri(m.name)} documents every action` : "";
        const tools = this.split ? `${m.name}_read runs its read-only actions and ${m.name}_write the others` : `${m.name}_execute runs any ${m.name} action`;
        const code = this.code ? `; ${m.name}_run runs a JavaScript program against its API and returns only the program's answer (best for totals over many records)` : "";
        return `${m.title}: ${tools} as {entity, action, params}${code}; ${m.name}_describe gives an action's full params${reference}.`;
      })
      .join("\n");
  }
}

/** A port nothing listens on at `host` now: the one the system gives a listener on port 0. */
async function freePort(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(0, host, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The same answer for the same request: mcp-proxy asks once to let the request in, and createServer again for its user. */
function memoized(authenticate: (request: IncomingMessage) => Promise<McpUser | undefined>): (request: IncomingMessage) => Promise<McpUser | undefined> {
  const answers = new WeakMap<IncomingMessage, Promise<McpUser | undefined>>();
  return (request) => {
    let answer = answers.get(request);
    if (!answer) answers.set(request, (answer = authenticate(request)));
    return answer;
  };
}
