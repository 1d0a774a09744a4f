/**
 * GET /api/v1/catalog: every connector an application can let its users connect, from the manifests (see
 * runtime/catalog.ts), with whether this server can run each OAuth variant's flow (it has the OAuth application).
 */
import { Hono } from "hono";
import { catalogEntry, type CatalogEntry, type CatalogVariant } from "../../runtime/catalog.js";
import { manifestFor, servedConnectorNames } from "../account-input.js";
import type { AppEnv, Services } from "../app-env.js";
import type { ServerConfig } from "../config.js";

/** A variant the connect page can offer here: a form always; an OAuth flow with the server's client and public URL. */
export const offeredHere = (config: ServerConfig, connector: string, flow: "oauth" | "form") =>
  flow === "form" || (config.oauthClients?.[connector] !== undefined && config.publicUrl !== undefined);

export type ServedEntry = Omit<CatalogEntry, "auth"> & { auth: (CatalogVariant & { available: boolean })[] };

export function serverCatalog(config: ServerConfig, names: string[] = servedConnectorNames(config.connectorsDir)): ServedEntry[] {
  return names.map((name) => {
    const entry = catalogEntry(manifestFor(name, config.connectorsDir));
    return { ...entry, auth: entry.auth.map((variant) => ({ ...variant, available: offeredHere(config, name, variant.flow) })) };
  });
}

export function catalogRoutes({ config }: Services): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/", (c) => c.json({ data: serverCatalog(config) }));
}
