/**
 * The sandbox over HTTP: one loopback server serving every simulated API's msw handlers side by side, each
 * host under its own path prefix, with its state kept while it runs (for the CLI, MCP clients, other languages).
 */
import { createServer } from "node:http";
import type { RequestHandler } from "msw";
import type { AddressInfo } from "node:net";
import { findManifest } from "../manifest/registry.js";
import { jsonResponse } from "./http.js";
import { Layout, serveRequest, type Mount } from "./loopback.js";
import { createSandbox, sandboxAccounts, sandboxCredentials, sandboxDefinition, sandboxNames, type SandboxName, type SandboxOf, type SandboxOptions } from "./registry.js";
import type { SandboxConnectorInfo } from "./types.js";

export type { SandboxConnectorInfo } from "./types.js";
export type { HarvestSandbox, HarvestSandboxOptions } from "./harvest/index.js";
export type { HarvestApiSandbox, HarvestApiSandboxOptions } from "./harvestapi/index.js";

export type SandboxServerOptions = {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Let the process exit while the server (and its open connections) is still up. */
  unref?: boolean;
} & { [N in SandboxName]?: SandboxOptions<N> };

export type SandboxServer = {
  /** e.g. http://127.0.0.1:53124 */
  url: string;
  /** Per connector name: base URL, hosts, token URL on this server and the fixed credentials. */
  connectors: Record<string, SandboxConnectorInfo>;
  /** Handlers answered before the sandboxes' own (as msw's server.use()), until resetHandlers(). */
  use(...handlers: RequestHandler[]): void;
  resetHandlers(): void;
  close(): Promise<void>;
} & { [N in SandboxName]: SandboxOf<N> };

/** Where a connector finds its sandbox on this server: the manifest's URLs moved onto it. */
function connectorInfo(name: string, layout: Layout): SandboxConnectorInfo {
  const manifest = findManifest(name, sandboxDefinition(name)!.connectorsDir);
  const hosts = Object.fromEntries(Object.entries(manifest.hosts ?? {}).map(([host, url]) => [host, layout.toPublic(url)]));
  const onServer = (url: string | undefined) => url && layout.toPublic(url);
  const oauth = Object.values(manifest.auth).find((variant) => variant.token_url);
  return {
    baseUrl: layout.toPublic(manifest.base_url),
    hosts,
    tokenUrl: onServer(oauth?.token_url),
    authorizeUrl: onServer(oauth?.authorize_url),
    credentials: sandboxCredentials(name),
    accounts: sandboxAccounts(name),
  };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startSandbox(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const host = options.host ?? "127.0.0.1";
  const names = sandboxNames();
  const sandboxes = Object.fromEntries(names.map((name) => [name, createSandbox(name, options[name as SandboxName] ?? {})]));
  let added: RequestHandler[] = [];
  const mounts = names.flatMap((name) => Object.entries(sandboxDefinition(name)!.mounts).map(([prefix, url]) => ({ prefix, url, sandbox: name })));
  const handlersAt = (mount: Mount) => [...added, ...sandboxes[mount.sandbox]!.handlers];
  let layout: Layout | undefined;
  const server = createServer((req, res) => {
    serveRequest(req, res, handlersAt, layout!).catch(async (error: unknown) => {
      if (res.headersSent) return res.destroy();
      const answer = jsonResponse(500, { status: 500, error: "Internal Server Error", message: String(error) });
      res.writeHead(500, Object.fromEntries(answer.headers)).end(await answer.text());
    });
  });
  if (options.unref) {
    server.unref();
    server.on("connection", (socket) => socket.unref());
  }
  const address = await listen(server, options.port ?? 0, host);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  layout = new Layout(mounts, url);
  const connectors = Object.fromEntries(names.map((name) => [name, connectorInfo(name, layout!)]));
  return {
    ...(sandboxes as { [N in SandboxName]: SandboxOf<N> }),
    url,
    connectors,
    use: (...handlers) => (added = [...handlers, ...added]),
    resetHandlers: () => (added = []),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
