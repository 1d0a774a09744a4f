/** /api/v1/integrations/connectors: connect, list, show, change and revoke a workspace's accounts. Never a secret out. */
import { Hono } from "hono";
import { addPendingCredentials, allowedActions, checkCredentials, checkScopes, manifestFor } from "../account-input.js";
import type { AppEnv, Services } from "../app-env.js";
import { ApiError, badRequest, notFound } from "../errors.js";
import { jsonObject, onlyFields, optionalBoolean, optionalString, requiredString } from "../json-body.js";
import type { AccountChanges, AccountStatus, ConnectedAccount } from "../store/types.js";
import { newId } from "../tokens.js";

/** Everything about an account but its credentials. */
export function publicAccount(account: ConnectedAccount) {
  const { credentials: _sealed, ...rest } = account;
  return rest;
}

/** With what its scope allows, for a single account's view. */
function detailedAccount(account: ConnectedAccount, connectorsDir: string | undefined) {
  const manifest = manifestFor(account.connector_type, connectorsDir);
  return { ...publicAccount(account), allowed: allowedActions(manifest, account.scopes, account.read_only) };
}

const ACCOUNT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Every status but revoked: a change is written only while the account is not revoked (checked in the same write). */
export const NOT_REVOKED: AccountStatus[] = ["pending", "active", "needs_reauth"];

export const revokedError = (id: string) => new ApiError(409, "E_REVOKED", `connector ${id} was revoked; connect the account again instead`);

export function connectorRoutes({ store, vault, config }: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const load = async (workspaceId: string, id: string): Promise<ConnectedAccount> => {
    const account = await store.getAccount(workspaceId, id);
    if (!account) throw notFound(`connector ${id}`);
    return account;
  };

  app.post("/", async (c) => {
    const body = await jsonObject(c);
    onlyFields(body, ["connector_type", "name", "user_id", "account", "auth_variant", "credentials", "scopes", "read_only"]);
    const manifest = manifestFor(requiredString(body, "connector_type"), config.connectorsDir);
    const account = optionalString(body, "account") ?? "default";
    if (!ACCOUNT_NAME.test(account)) throw badRequest("account must be 1-64 letters, digits, - or _");
    if (body.credentials === undefined) throw badRequest("credentials is required");
    const { record, variant, pending } = checkCredentials(manifest, body.credentials, optionalString(body, "auth_variant"));
    const now = new Date().toISOString();
    const id = newId("conn");
    const created: ConnectedAccount = {
      id,
      workspace_id: c.get("workspace").id,
      connector_type: manifest.name,
      name: requiredString(body, "name"),
      user_id: requiredString(body, "user_id"),
      account,
      auth_variant: variant,
      scopes: checkScopes(manifest, body.scopes),
      read_only: optionalBoolean(body, "read_only") ?? false,
      status: pending ? "pending" : "active",
      credentials: vault.seal(id, record),
      created_at: now,
      updated_at: now,
    };
    await store.insertAccount(created);
    return c.json(detailedAccount(created, config.connectorsDir), 201);
  });

  app.get("/", async (c) => {
    const accounts = await store.listAccounts(c.get("workspace").id, { user_id: c.req.query("user_id") });
    return c.json({ data: accounts.map(publicAccount) });
  });

  app.get("/:id", async (c) => c.json(detailedAccount(await load(c.get("workspace").id, c.req.param("id")), config.connectorsDir)));

  app.patch("/:id", async (c) => {
    const workspaceId = c.get("workspace").id;
    const current = await load(workspaceId, c.req.param("id"));
    if (current.status === "revoked") throw revokedError(current.id);
    const body = await jsonObject(c);
    onlyFields(body, ["name", "credentials", "auth_variant", "scopes", "read_only"]);
    const manifest = manifestFor(current.connector_type, config.connectorsDir);
    const changes: AccountChanges = { name: optionalString(body, "name"), read_only: optionalBoolean(body, "read_only") };
    if (body.scopes !== undefined) changes.scopes = checkScopes(manifest, body.scopes);
    const namedVariant = optionalString(body, "auth_variant");
    if (current.status === "pending" && body.credentials !== undefined) {
      if (namedVariant !== undefined) throw badRequest(`connector ${current.id} is waiting for OAuth authorization in ${current.auth_variant}; it keeps that variant`);
      const { record, pending } = addPendingCredentials(manifest, current.auth_variant, vault.open(current.id, current.credentials!), body.credentials);
      Object.assign(changes, { credentials: vault.seal(current.id, record), status: pending ? "pending" : "active" });
    } else if (body.credentials !== undefined) {
      // Rotation replaces the whole record, in the same variant unless another is named; it reconnects a needs_reauth account.
      const { record, variant } = checkCredentials(manifest, body.credentials, namedVariant ?? current.auth_variant);
      Object.assign(changes, { credentials: vault.seal(current.id, record), auth_variant: variant, status: "active" });
    } else if (namedVariant !== undefined) throw badRequest("changing auth_variant needs that variant's credentials");
    // A revocation that lands while this request runs wins: the write checks the status it was read with.
    const updated = await store.updateAccount(workspaceId, current.id, changes, new Date().toISOString(), NOT_REVOKED);
    if (!updated) throw revokedError(current.id);
    return c.json(detailedAccount(updated, config.connectorsDir));
  });

  app.delete("/:id", async (c) => {
    const workspaceId = c.get("workspace").id;
    const current = await load(workspaceId, c.req.param("id"));
    // The credential is destroyed, the row kept: its audit trail still points at something.
    const revoked = await store.updateAccount(workspaceId, current.id, { status: "revoked", credentials: null }, new Date().toISOString());
    return c.json(publicAccount(revoked!));
  });

  return app;
}
