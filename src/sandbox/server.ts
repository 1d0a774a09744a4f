/**
 * The sandbox: one loopback HTTP server hosting simulated APIs side by side, each under its own
 * path prefix (a small table), so tests and new users can try every connector without an account.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHarvestSandbox, harvestConnectorInfo, type HarvestSandbox, type HarvestSandboxOptions } from "./harvest/index.js";
import { createHarvestApiSandbox, harvestApiConnectorInfo, type HarvestApiSandbox, type HarvestApiSandboxOptions } from "./harvestapi/index.js";
import { newRequestId, sendJson } from "./http.js";
import type { SandboxConnectorInfo, SandboxMount } from "./types.js";

export type { SandboxConnectorInfo, SandboxMount } from "./types.js";
export type { HarvestSandbox, HarvestSandboxOptions } from "./harvest/index.js";
export type { HarvestApiSandbox, HarvestApiSandboxOptions } from "./harvestapi/index.js";

export interface SandboxOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  harvest?: HarvestSandboxOptions;
  harvestapi?: HarvestApiSandboxOptions;
  /** Let the process exit while the server (and its open connections) is still up. */
  unref?: boolean;
}

export interface SandboxServer {
  /** e.g. http://127.0.0.1:53124 */
  url: string;
  /** Per connector name: base URL, hosts, token URL and the fixed credentials. */
  connectors: Record<string, SandboxConnectorInfo>;
  harvest: HarvestSandbox;
  harvestapi: HarvestApiSandbox;
  close(): Promise<void>;
}

/** The mount whose prefix starts the path (at a segment boundary), longest prefix first. */
function findMount(mounts: readonly SandboxMount[], pathname: string): SandboxMount | undefined {
  return mounts.find((mount) => pathname === mount.prefix || pathname.startsWith(`${mount.prefix}/`));
}

function dispatch(mounts: readonly SandboxMount[], url: () => string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = new URL(req.url ?? "/", "http://sandbox").pathname;
  const mount = findMount(mounts, pathname);
  if (!mount) {
    const known = mounts.map((candidate) => candidate.prefix).join(", ");
    const body = { status: 404, error: "Not Found", message: `No simulated API is mounted at ${pathname}; prefixes: ${known}` };
    sendJson(res, 404, body, { "X-Request-Id": newRequestId() });
    return Promise.resolve();
  }
  return mount.handle(req, res, pathname.slice(mount.prefix.length) || "/", url() + mount.prefix);
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

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxServer> {
  const host = options.host ?? "127.0.0.1";
  const harvest = createHarvestSandbox(options.harvest);
  const harvestapi = createHarvestApiSandbox(options.harvestapi);
  const mounts = [...harvest.mounts, ...harvestapi.mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  let url = "";
  const server = createServer((req, res) => {
    dispatch(mounts, () => url, req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { status: 500, error: "Internal Server Error", message: String(error) }, { "X-Request-Id": newRequestId() });
    });
  });
  if (options.unref) {
    server.unref();
    server.on("connection", (socket) => socket.unref());
  }
  const address = await listen(server, options.port ?? 0, host);
  url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  return {
    url,
    connectors: { harvest: harvestConnectorInfo(url, harvest), harvestapi: harvestApiConnectorInfo(url, harvestapi) },
    harvest,
    harvestapi,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
