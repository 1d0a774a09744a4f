/** Starts the hosted execute API on a store: checks the master key opens what is stored, then listens. */
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.js";
import { startPruning } from "./audit-pruning.js";
import type { ServerConfig } from "./config.js";
import type { Store } from "./store/types.js";
import { Vault } from "./vault.js";
import { checkMasterKey } from "./vault-key.js";

export interface StartOptions {
  config: ServerConfig;
  store: Store;
  /** Default 8080; 0 for a free port. */
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops listening; the store stays open (its owner closes it). */
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, store } = options;
  await checkMasterKey(store, config.masterKey);
  const stopPruning = await startPruning(store, config.auditRetentionDays, config.now);
  const app = createApp({ store, vault: new Vault(config.masterKey), config });
  const host = options.host ?? "127.0.0.1";
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () => resolve(s));
    s.once("error", (error) => {
      stopPruning();
      reject(error);
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopPruning();
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
