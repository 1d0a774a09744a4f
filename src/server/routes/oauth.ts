/**
 * The OAuth connect flow ("authorize once"): POST .../:id/oauth/start hands out the provider's authorize URL with a
 * single-use state bound to the workspace, user and account; GET /oauth/callback (no bearer: the state is the
 * credential) exchanges the code, seals the tokens, fills what the manifest's account_discovery finds and activates
 * the connector. Every step is the runtime's (runtime/connect-flow.ts); this route keeps the states and the account.
 */
import { Hono } from "hono";
import type { CredentialRecord } from "../../credentials/types.js";
import { authorizeUrl, discoverAccount, exchangeAuthorizationCode, type UpstreamAccount } from "../../runtime/connect-flow.js";
import { manifestFor, missingFields } from "../account-input.js";
import type { AppEnv, Services } from "../app-env.js";
import { DEFAULT_OAUTH_STATE_TTL_SECONDS, redirectUri, upstreamOptions } from "../oauth-settings.js";
import { finishConnectOAuth } from "../pages/connect-oauth.js";
import { ApiError, badRequest, notFound } from "../errors.js";
import { hashToken, newOAuthState } from "../tokens.js";
import { NOT_REVOKED, revokedError } from "./connectors.js";


/** POST /:id/oauth/start, under the workspace's bearer token. */
export function oauthStartRoutes({ store, vault, config }: Services): Hono<AppEnv> {
  const clock = config.now ?? (() => new Date());
  return new Hono<AppEnv>().post("/:id/oauth/start", async (c) => {
    const workspace = c.get("workspace");
    const account = await store.getAccount(workspace.id, c.req.param("id"));
    if (!account) throw notFound(`connector ${c.req.param("id")}`);
    if (account.status === "revoked") throw revokedError(account.id);
    const manifest = manifestFor(account.connector_type, config.connectorsDir);
    const state = newOAuthState();
    const url = authorizeUrl(manifest, account.auth_variant, upstreamOptions(config, manifest.name), {
      clientId: vault.open(account.id, account.credentials!).client_id ?? "",
      redirectUri: redirectUri(config),
      state,
    });
    const expiresAt = new Date(clock().getTime() + (config.oauthStateTtlSeconds ?? DEFAULT_OAUTH_STATE_TTL_SECONDS) * 1000).toISOString();
    await store.insertOAuthState({ state_hash: hashToken(state), workspace_id: workspace.id, user_id: account.user_id, connector_id: account.id, expires_at: expiresAt });
    return c.json({ authorize_url: url, expires_at: expiresAt });
  });
}

/** GET /oauth/callback?code&state, where the provider sends the user's browser back. */
export function oauthCallbackRoutes(services: Services): Hono<AppEnv> {
  const { store, vault, config } = services;
  const clock = config.now ?? (() => new Date());
  return new Hono<AppEnv>().get("/oauth/callback", async (c) => {
    const { code, state, error } = c.req.query();
    if (!state) throw badRequest("the OAuth callback needs a state");
    if (!code && !error) throw badRequest("the OAuth callback needs a code");
    // Taken (deleted) at once: the same state can never be used twice, even by two callbacks racing.
    const taken = await store.takeOAuthState(hashToken(state));
    if (!taken) throw new ApiError(400, "E_OAUTH_STATE", "unknown or already used OAuth state; start the connect flow again (POST .../oauth/start)");
    // A flow a connect page started ends on that page.
    if (taken.connect_session_id) return finishConnectOAuth(c, services, taken, { code, error });
    const now = clock();
    if (taken.expires_at <= now.toISOString())
      throw new ApiError(410, "E_OAUTH_STATE", `this OAuth state expired at ${taken.expires_at}; start the connect flow again (POST .../oauth/start)`);
    if (error) throw new ApiError(400, "E_OAUTH_DENIED", `the provider answered ${error} instead of a code: the user did not authorize; nothing changed`);

    const account = await store.getAccount(taken.workspace_id, taken.connector_id);
    if (!account || account.user_id !== taken.user_id) throw notFound(`connector ${taken.connector_id}`);
    if (account.status === "revoked") throw revokedError(account.id);
    const manifest = manifestFor(account.connector_type, config.connectorsDir);
    const upstream = upstreamOptions(config, manifest.name);
    const stored = vault.open(account.id, account.credentials!);
    const tokens = await exchangeAuthorizationCode(manifest, account.auth_variant, upstream, {
      code: code!,
      redirectUri: redirectUri(config),
      clientId: stored.client_id ?? "",
      clientSecret: stored.client_secret ?? "",
    });
    const record: CredentialRecord = { ...stored, ...tokens };
    const discovered = await discoverAccount(manifest, account.auth_variant, upstream, record);
    if (discovered?.chosen !== undefined) record[discovered.field] = discovered.chosen;
    const missing = missingFields(manifest.auth[account.auth_variant]!, record);
    // The exchange took a while: a revocation meanwhile wins (the write checks the status), never undone by this callback.
    const changes = { credentials: vault.seal(account.id, record), status: missing.length ? ("pending" as const) : ("active" as const) };
    if (!(await store.updateAccount(account.workspace_id, account.id, changes, clock().toISOString(), NOT_REVOKED))) throw revokedError(account.id);
    if (!missing.length) return c.json({ id: account.id, status: "active", message: `connector ${account.id} is connected` });
    const choices: UpstreamAccount[] | undefined = discovered && discovered.chosen === undefined ? discovered.accounts : undefined;
    return c.json({
      id: account.id,
      status: "pending",
      message: choices
        ? `the authorization reaches ${choices.length} ${manifest.name} accounts; choose one with PATCH /api/v1/integrations/connectors/${account.id} {"credentials":{"${discovered!.field}":"..."}}`
        : `connector ${account.id} still needs: ${missing.join(", ")} (PATCH its credentials)`,
      ...(choices ? { accounts: choices } : {}),
    });
  });
}
