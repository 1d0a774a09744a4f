/**
 * A connect page's OAuth path: "Connect with <Title>" starts the provider's flow with a state bound to the page's
 * session; the provider's redirect to /oauth/callback comes here (the state names the session), the code is exchanged,
 * the upstream account found (or offered to choose from), the connection tested and saved, and the browser sent back
 * to the page, which shows the outcome.
 */
import type { Context } from "hono";
import type { CredentialRecord } from "../../credentials/types.js";
import type { Manifest } from "../../manifest/types.js";
import { authorizeUrl, discoverAccount, exchangeAuthorizationCode } from "../../runtime/connect-flow.js";
import { manifestFor } from "../account-input.js";
import type { Services } from "../app-env.js";
import { ApiError, badRequest } from "../errors.js";
import { revokedError } from "../routes/connectors.js";
import { DEFAULT_OAUTH_STATE_TTL_SECONDS, redirectUri, upstreamOptions } from "../oauth-settings.js";
import type { ConnectedAccount, ConnectSession, OAuthState } from "../store/types.js";
import { hashToken, newId, newOAuthState } from "../tokens.js";
import { connectTested, linkUsedUp } from "./connect-account.js";
import { pageError } from "./html.js";
import { plainWords } from "./plain-words.js";

export const CONNECT_PAGE = "/connect";

const clockOf = (services: Services) => services.config.now ?? (() => new Date());

function oauthClient(services: Services, manifest: Manifest) {
  const client = services.config.oauthClients?.[manifest.name];
  if (!client) throw badRequest(`this server has no OAuth application for ${manifest.title}; use another way to connect`);
  return client;
}

/** The origins a connect page's OAuth buttons lead to, for its Content-Security-Policy's form-action. */
export function authorizeOrigin(services: Services, manifest: Manifest, variant: string): string {
  const probe = authorizeUrl(manifest, variant, upstreamOptions(services.config, manifest.name), { clientId: "-", redirectUri: "-", state: "-" });
  return new URL(probe).origin;
}

/** The account the flow fills: the one the link reconnects (or an earlier attempt made), else a new pending one. */
async function flowAccount(services: Services, session: ConnectSession, manifest: Manifest, variant: string): Promise<ConnectedAccount> {
  const { store, vault } = services;
  if (session.connector_id) {
    const account = await store.getAccount(session.workspace_id, session.connector_id);
    if (!account || account.status === "revoked") throw revokedError(session.connector_id);
    return account;
  }
  const now = clockOf(services)().toISOString();
  const id = newId("conn");
  const client = oauthClient(services, manifest);
  const account: ConnectedAccount = {
    id,
    workspace_id: session.workspace_id,
    connector_type: manifest.name,
    name: manifest.title,
    user_id: session.user_id,
    account: "default",
    auth_variant: variant,
    scopes: session.scopes,
    read_only: session.read_only,
    status: "pending",
    credentials: vault.seal(id, { ...client }),
    created_at: now,
    updated_at: now,
  };
  if (!(await store.updateConnectSession(session.id, { connector_id: id }))) throw linkUsedUp();
  await store.insertAccount(account);
  return account;
}

/** POST /connect/oauth: where to send the browser (the provider's consent page). */
export async function startConnectOAuth(services: Services, session: ConnectSession, manifest: Manifest, variant: string): Promise<string> {
  const { store, config } = services;
  const client = oauthClient(services, manifest);
  const account = await flowAccount(services, session, manifest, variant);
  const state = newOAuthState();
  const ttl = (config.oauthStateTtlSeconds ?? DEFAULT_OAUTH_STATE_TTL_SECONDS) * 1000;
  const expiresAt = new Date(Math.min(clockOf(services)().getTime() + ttl, Date.parse(session.expires_at))).toISOString();
  await store.insertOAuthState({ state_hash: hashToken(state), workspace_id: session.workspace_id, user_id: session.user_id, connector_id: account.id, expires_at: expiresAt, connect_session_id: session.id });
  return authorizeUrl(manifest, variant, upstreamOptions(config, manifest.name), { clientId: client.client_id, redirectUri: redirectUri(config), state });
}

/** The callback of a flow a connect page started; back to the page, which shows what happened (or a page saying why not). */
export async function finishConnectOAuth(c: Context, services: Services, taken: OAuthState, reply: { code?: string; error?: string }): Promise<Response> {
  try {
    return await finishFlow(c, services, taken, reply);
  } catch (error) {
    return pageError(c, error);
  }
}

async function finishFlow(c: Context, services: Services, taken: OAuthState, reply: { code?: string; error?: string }): Promise<Response> {
  const { store, vault, config } = services;
  const session = await store.findConnectSession({ id: taken.connect_session_id! });
  const now = clockOf(services)().toISOString();
  if (!session || session.completed_at || session.expires_at <= now) throw new ApiError(410, "E_OAUTH_STATE", "this connect link is no longer usable; ask the application for a new one");
  const account = await store.getAccount(taken.workspace_id, taken.connector_id);
  if (!account || account.status === "revoked") throw revokedError(taken.connector_id);
  const manifest = manifestFor(account.connector_type, config.connectorsDir);
  const variant = variantOfState(manifest, account);
  try {
    if (taken.expires_at <= now) throw new ApiError(410, "E_OAUTH_STATE", "the authorization expired");
    if (reply.error) throw new ApiError(400, "E_OAUTH_DENIED", `${manifest.title} answered "${reply.error.slice(0, 64)}" instead of an authorization`);
    const client = oauthClient(services, manifest);
    const upstream = upstreamOptions(config, manifest.name);
    const tokens = await exchangeAuthorizationCode(manifest, variant, upstream, { code: reply.code!, redirectUri: redirectUri(config), clientId: client.client_id, clientSecret: client.client_secret });
    const record: CredentialRecord = { ...client, ...tokens };
    const discovered = await discoverAccount(manifest, variant, upstream, record);
    if (discovered && discovered.chosen === undefined) {
      if (!discovered.accounts.length) throw badRequest(`the authorization reaches no ${manifest.title} account this connector can act on`);
      await store.updateConnectSession(session.id, { choices: discovered.accounts, pending_credentials: vault.seal(session.id, { ...record, variant }), last_error: null });
    } else {
      if (discovered) record[discovered.field] = discovered.chosen!;
      await connectTested(services, session, manifest, variant, record);
    }
  } catch (error) {
    await store.updateConnectSession(session.id, { last_error: plainWords(error, manifest.title) });
  }
  return c.redirect(CONNECT_PAGE, 303);
}

/**
 * The variant the flow fills: the account's own when it is an OAuth one, else (reconnecting a token account through
 * the button) the manifest's first OAuth variant: the only one, for every connector the catalog offers a button for.
 */
function variantOfState(manifest: Manifest, account: ConnectedAccount): string {
  if (manifest.auth[account.auth_variant]?.authorize_url) return account.auth_variant;
  return Object.keys(manifest.auth).find((name) => manifest.auth[name]!.authorize_url)!;
}

/** POST /connect/choose: the upstream account the user picked among those the authorization reaches; a failure is shown on the page. */
export async function chooseConnectAccount(services: Services, session: ConnectSession, choice: string): Promise<void> {
  const { vault } = services;
  if (!session.pending_credentials || !session.choices?.some((option) => option.id === choice)) throw badRequest("choose one of the accounts listed");
  const { variant, ...record } = vault.open(session.id, session.pending_credentials);
  const account = await services.store.getAccount(session.workspace_id, session.connector_id!);
  if (!account) throw revokedError(session.connector_id!);
  const manifest = manifestFor(account.connector_type, services.config.connectorsDir);
  const field = manifest.auth[variant!]!.account_discovery!.field;
  try {
    await connectTested(services, session, manifest, variant!, { ...record, [field]: choice });
  } catch (error) {
    await services.store.updateConnectSession(session.id, { last_error: plainWords(error, manifest.title) });
  }
}
