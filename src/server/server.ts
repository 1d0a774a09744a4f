/** Starts the hosted execute API on a store: checks the master key opens what is stored, then listens. */
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.js";
import { ConfigError, type ServerConfig } from "./config.js";
import type { Store } from "./store/types.js";
import { Vault } from "./vault.js";

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

/** Fails loudly at start, not at the first call, when the key cannot open the stored credentials. */
export async function checkMasterKey(store: Store, config: ServerConfig): Promise<void> {
  const others = (await store.credentialKeyIds()).filter((id) => id !== config.masterKey.id);
  if (others.length)
    throw new ConfigError(
      `CONNECTORS_MASTER_KEY (key ${config.masterKey.id}) is not the key the stored credentials are sealed with (key ${others.join(", key ")}); start with that key`,
    );
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  await checkMasterKey(options.store, options.config);
  const app = createApp({ store: options.store, vault: new Vault(options.config.masterKey), config: options.config });
  const host = options.host ?? "127.0.0.1";
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
