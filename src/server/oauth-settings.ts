/** What every OAuth flow of the server shares: the state's lifetime, the operator's upstream settings, the redirect URI. */
import type { ConnectOptions } from "../runtime/connector.js";
import type { ServerConfig } from "./config.js";
import { badRequest } from "./errors.js";

export const DEFAULT_OAUTH_STATE_TTL_SECONDS = 600;

/** The operator's settings for this connector's upstream, never the server's own credentials. */
export const upstreamOptions = (config: ServerConfig, connector: string): ConnectOptions => ({ ...config.upstream?.[connector], env: config.env ?? {} });

/** Where the provider sends the user's browser back: one fixed URL, registered with the OAuth application. */
export function redirectUri(config: ServerConfig): string {
  if (!config.publicUrl) throw badRequest("the server has no public URL (--public-url or CONNECTORS_PUBLIC_URL), so no OAuth callback can reach it");
  return `${config.publicUrl.replace(/\/+$/, "")}/oauth/callback`;
}
