/** Where a connector's OAuth connect flow goes: the manifest's URLs unless the operator points them elsewhere. */
import type { Manifest } from "../../manifest/types.js";
import { envPrefix, resolveEndpoints } from "../../runtime/endpoints.js";
import type { ServerConfig } from "../config.js";
import { badRequest } from "../errors.js";

/** The variant's authorize endpoint; CONNECTORS_<NAME>_AUTHORIZE_URL (in the server's env) overrides it. */
export function authorizeEndpoint(manifest: Manifest, variant: string, config: ServerConfig): string {
  const url = config.env?.[`${envPrefix(manifest)}AUTHORIZE_URL`] || manifest.auth[variant]?.authorize_url;
  if (!url) throw badRequest(`${manifest.name}'s ${variant} credentials are not connected through OAuth; there is nothing to authorize`);
  return url;
}

/** The token endpoint exactly as the runtime resolves it (server config, then CONNECTORS_<NAME>_TOKEN_URL, then the manifest). */
export async function tokenEndpoint(manifest: Manifest, variant: string, config: ServerConfig): Promise<string> {
  const endpoints = await resolveEndpoints(manifest, { ...config.upstream?.[manifest.name], credentials: {}, env: config.env ?? {} });
  return endpoints.tokenUrls[variant]!;
}

/** Where the provider sends the user's browser back: one fixed URL, registered with the OAuth application. */
export function redirectUri(config: ServerConfig): string {
  if (!config.publicUrl) throw badRequest("the server has no public URL (--public-url or CONNECTORS_PUBLIC_URL), so no OAuth callback can reach it");
  return `${config.publicUrl.replace(/\/+$/, "")}/oauth/callback`;
}
