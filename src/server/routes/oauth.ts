/**
 * The OAuth connect flow ("authorize once"): POST .../:id/oauth/start hands out the provider's authorize URL with a
 * single-use state bound to the workspace, user and account; GET /oauth/callback (no bearer: the state is the
 * credential) exchanges the code, seals the tokens, finds the upstream account and activates the connector.
 */
import { Hono } from "hono";
import { manifestFor, missingFields } from "../account-input.js";
import type { AppEnv, Services } from "../app-env.js";
import { ApiError, badRequest, notFound } from "../errors.js";
import { exchangeCode } from "../oauth/code-exchange.js";
import { authorizeEndpoint, redirectUri, tokenEndpoint } from "../oauth/endpoints.js";
import { canListAccounts, listUpstreamAccounts, type UpstreamAccount } from "../oauth/upstream-accounts.js";
import type { ConnectedAccount } from "../store/types.js";
import { hashToken, newOAuthState } from "../tokens.js";

export const DEFAULT_OAUTH_STATE_TTL_SECONDS = 600;

const revoked = (account: ConnectedAccount) => new ApiError(409, "E_REVOKED", `connector ${account.id} was revoked; connect the account again instead`);

/** POST /:id/oauth/start, under the workspace's bearer token. */
export function oauthStartRoutes({ store, vault, config }: Services): Hono<AppEnv> {
  const clock = config.now ?? (() => new Date());
  return new Hono<AppEnv>().post("/:id/oauth/start", async (c) => {
    const workspace = c.get("workspace");
    const account = await store.getAccount(workspace.id, c.req.param("id"));
    if (!account) throw notFound(`connector ${c.req.param("id")}`);
    if (account.status === "revoked") throw revoked(account);
    const manifest = manifestFor(account.connector_type);
    const url = new URL(authorizeEndpoint(manifest, account.auth_variant, config));
    const state = newOAuthState();
    const expiresAt = new Date(clock().getTime() + (config.oauthStateTtlSeconds ?? DEFAULT_OAUTH_STATE_TTL_SECONDS) * 1000).toISOString();
    url.searchParams.set("client_id", vault.open(account.id, account.credentials!).client_id ?? "");
    url.searchParams.set("response_type", "code");
    url.searchParams.set("redirect_uri", redirectUri(config));
    url.searchParams.set("state", state);
    await store.insertOAuthState({ state_hash: hashToken(state), workspace_id: workspace.id, user_id: account.user_id, account_id: account.id, expires_at: expiresAt });
    return c.json({ authorize_url: url.toString(), expires_at: expiresAt });
  });
}

/** GET /oauth/callback?code&state, where the provider sends the user's browser back. */
export function oauthCallbackRoutes({ store, vault, config }: Services): Hono<AppEnv> {
  const clock = config.now ?? (() => new Date());
  return new Hono<AppEnv>().get("/oauth/callback", async (c) => {
    const { code, state, error } = c.req.query();
    if (!state) throw badRequest("the OAuth callback needs a state");
    if (!code && !error) throw badRequest("the OAuth callback needs a code");
    // Taken (deleted) at once: the same state can never be used twice, even by two callbacks racing.
    const taken = await store.takeOAuthState(hashToken(state));
    if (!taken) throw new ApiError(400, "E_OAUTH_STATE", "unknown or already used OAuth state; start the connect flow again (POST .../oauth/start)");
    const now = clock();
    if (taken.expires_at <= now.toISOString())
      throw new ApiError(410, "E_OAUTH_STATE", `this OAuth state expired at ${taken.expires_at}; start the connect flow again (POST .../oauth/start)`);
    if (error) throw new ApiError(400, "E_OAUTH_DENIED", `the provider answered ${error} instead of a code: the user did not authorize; nothing changed`);

    const account = await store.getAccount(taken.workspace_id, taken.account_id);
    if (!account || account.user_id !== taken.user_id) throw notFound(`connector ${taken.account_id}`);
    if (account.status === "revoked") throw revoked(account);
    const manifest = manifestFor(account.connector_type);
    const stored = vault.open(account.id, account.credentials!);
    const tokens = await exchangeCode({
      tokenUrl: await tokenEndpoint(manifest, account.auth_variant, config),
      code: code!,
      redirectUri: redirectUri(config),
      clientId: stored.client_id ?? "",
      clientSecret: stored.client_secret ?? "",
      upstream: config.upstream?.[manifest.name],
    });
    const record = { ...stored, ...tokens };
    let choices: UpstreamAccount[] | undefined;
    if (!record.account_id && manifest.auth[account.auth_variant]!.fields.account_id && canListAccounts(manifest)) {
      const accounts = await listUpstreamAccounts(manifest, account.auth_variant, record, config);
      if (accounts.length === 1) record.account_id = accounts[0]!.id;
      else choices = accounts;
    }
    const pending = missingFields(manifest.auth[account.auth_variant]!, record).length > 0;
    await store.updateAccount(account.workspace_id, account.id, { credentials: vault.seal(account.id, record), status: pending ? "pending" : "active" }, now.toISOString());
    if (!pending) return c.json({ id: account.id, status: "active", message: `connector ${account.id} is connected` });
    return c.json({
      id: account.id,
      status: "pending",
      message: choices
        ? `the authorization reaches ${choices.length} ${manifest.name} accounts; choose one with PATCH /api/v1/integrations/connectors/${account.id} {"credentials":{"account_id":"..."}}`
        : `connector ${account.id} still needs: ${missingFields(manifest.auth[account.auth_variant]!, record).join(", ")} (PATCH its credentials)`,
      ...(choices ? { accounts: choices } : {}),
    });
  });
}
