/**
 * Connect links: what an application asks for (POST /api/v1/connect-sessions, or the console's "new connect link"),
 * checked against the manifests, stored by the link's hash only, and handed out once as a URL that expires.
 */
import { checkScopes, manifestFor, servedConnectorNames } from "./account-input.js";
import type { Services } from "./app-env.js";
import { badRequest, notFound } from "./errors.js";
import type { ConnectSession } from "./store/types.js";
import { hashToken, newConnectLink, newId } from "./tokens.js";
import { revokedError } from "./routes/connectors.js";

export const DEFAULT_CONNECT_SESSION_TTL_SECONDS = 30 * 60;

export interface ConnectRequest {
  user_id: string;
  connectors?: string[];
  scopes?: string[];
  read_only?: boolean;
  redirect_url?: string;
  /** Reconnect this account (same user, not revoked) instead of adding one. */
  connector_id?: string;
}

export interface ConnectLink {
  id: string;
  url: string;
  expires_at: string;
}

/** Where users' browsers reach the server: the configured public URL, else the origin the caller used. */
export const publicBase = (services: Services, requestUrl: string) => (services.config.publicUrl ?? new URL(requestUrl).origin).replace(/\/+$/, "");

function checkRedirect(value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest("redirect_url must be an absolute http or https URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw badRequest("redirect_url must be an absolute http or https URL");
  if (value.length > 2048) throw badRequest("redirect_url is longer than 2048 characters");
  return url.toString();
}

function offeredConnectors(names: string[] | undefined, connectorsDir: string | undefined): string[] | null {
  if (names === undefined) return null;
  if (!names.length) throw badRequest("connectors must name at least one connector (leave it out to offer every one)");
  return [...new Set(names.map((name) => manifestFor(name, connectorsDir).name))];
}

/** The scopes must mean something in every connector offered; a pattern one of them lacks is named with it. */
function checkOfferedScopes(scopes: string[] | undefined, connectors: string[] | null, connectorsDir: string | undefined): string[] | null {
  if (scopes === undefined) return null;
  for (const name of connectors ?? servedConnectorNames(connectorsDir)) {
    try {
      checkScopes(manifestFor(name, connectorsDir), scopes);
    } catch (error) {
      throw badRequest(`${(error as Error).message} (in ${name}; name the connectors the scopes are for)`);
    }
  }
  return scopes;
}

export async function createConnectLink(services: Services, workspaceId: string, request: ConnectRequest, requestUrl: string): Promise<ConnectLink> {
  const { store, config } = services;
  let connectors = offeredConnectors(request.connectors, config.connectorsDir);
  if (request.connector_id !== undefined) {
    const account = await store.getAccount(workspaceId, request.connector_id);
    if (!account || account.user_id !== request.user_id) throw notFound(`connector ${request.connector_id} of user ${request.user_id}`);
    if (account.status === "revoked") throw revokedError(account.id);
    connectors = [account.connector_type];
  }
  const now = (config.now ?? (() => new Date()))();
  const ttl = config.connectSessionTtlSeconds ?? DEFAULT_CONNECT_SESSION_TTL_SECONDS;
  const session: ConnectSession = {
    id: newId("cs"),
    workspace_id: workspaceId,
    user_id: request.user_id,
    connectors,
    scopes: checkOfferedScopes(request.scopes, connectors, config.connectorsDir),
    read_only: request.read_only ?? false,
    redirect_url: checkRedirect(request.redirect_url),
    expires_at: new Date(now.getTime() + ttl * 1000).toISOString(),
    created_at: now.toISOString(),
    opened_at: null,
    connector_id: request.connector_id ?? null,
    completed_at: null,
    last_error: null,
    choices: null,
    pending_credentials: null,
  };
  const link = newConnectLink();
  await store.insertConnectSession(session, hashToken(link));
  return { id: session.id, url: `${publicBase(services, requestUrl)}/connect/${link}`, expires_at: session.expires_at };
}
