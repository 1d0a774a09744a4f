/**
 * How a connected account is used, by the REST execute route and by MCP users alike: the runtime's connect() options
 * that bind a call to exactly that account's credentials (read afresh and opened only in memory), its scope, the
 * operator's upstream settings, and an audit row per call. A call whose credentials the upstream refused (401,
 * invalid_grant) turns an active account to needs_reauth: nothing more is sent for it until it is reconnected.
 */
import type { CredentialStore } from "../credentials/types.js";
import { AuthError } from "../errors.js";
import type { CallRecord } from "../runtime/call-record.js";
import type { ConnectOptions } from "../runtime/connector.js";
import type { Services } from "./app-env.js";
import type { ConnectedAccount, Store } from "./store/types.js";
import type { Vault } from "./vault.js";

/** What a hosted user is told when the account's credentials are missing or refused: they cannot set variables. */
export const RECONNECT_ADVICE = "the account's owner must reconnect it in the workspace (its credentials are missing, expired or were refused); tell the user.";

/** AuthError reasons that say the credential itself is no good (not a missing permission, not an unreadable store). */
const REFUSED = new Set(["invalid", "expired", "revoked", "refresh_failed"]);

export function accountConnection(services: Services, account: ConnectedAccount): ConnectOptions {
  const { store, vault, config } = services;
  return {
    ...config.upstream?.[account.connector_type],
    credentials: accountCredentialStore(store, vault, account),
    account: account.account,
    allow: account.scopes ?? undefined,
    readOnly: account.read_only,
    // Never the server's own environment credentials, and base URLs only from the operator's config.
    env: config.env ?? {},
    // Replicas on one database share this account's rate windows and OAuth refresh through these.
    coordinator: config.coordinator,
    accountKey: account.id,
    onCall: (record) => recordCall(store, account, record),
  };
}

/** The call's audit row; when the upstream refused the credential, the account (if still active) becomes needs_reauth. */
export async function recordCall(store: Store, account: ConnectedAccount, record: CallRecord): Promise<void> {
  await store.insertAudit(auditRow(account, record));
  if (record.outcome === "E_AUTH" && record.reason !== null && REFUSED.has(record.reason))
    await store.updateAccount(account.workspace_id, account.id, { status: "needs_reauth" }, new Date().toISOString(), ["active"]);
}

/** One audit row: a call's record (or a script's, with entity "(script)"), as the account's. */
export function auditRow(account: ConnectedAccount, record: CallRecord) {
  const { connector: _connector, ...call } = record;
  return { time: new Date().toISOString(), workspace_id: account.workspace_id, user_id: account.user_id, connector_id: account.id, connector_type: account.connector_type, ...call };
}

/** Reads and writes exactly one connected account; one that is not active refuses with what its user must do. */
function accountCredentialStore(store: Store, vault: Vault, account: ConnectedAccount): CredentialStore {
  const current = async () => {
    // Read afresh at every call: a revocation or rotation takes effect on the next request.
    const latest = await store.getAccount(account.workspace_id, account.id);
    if (latest?.status === "pending")
      throw new AuthError(`connector ${account.id} is not connected yet: its user has to finish the OAuth flow (POST .../oauth/start); nothing was sent`, { reason: "missing" });
    if (latest?.status === "needs_reauth")
      throw new AuthError(`connector ${account.id} needs to be reconnected: its credentials were refused; nothing was sent`, { reason: "invalid" });
    if (!latest || latest.status !== "active" || !latest.credentials) throw new AuthError(`connector ${account.id} was revoked; nothing was sent`, { reason: "revoked" });
    return vault.open(account.id, latest.credentials);
  };
  return {
    async get() {
      // The variant chosen when it was connected, so the runtime never guesses another one.
      return { ...(await current()), variant: account.auth_variant };
    },
    async update(_connector, _account, changes) {
      const record = await current();
      const { variant: _variant, ...rest } = changes;
      await store.replaceActiveCredentials(account.id, vault.seal(account.id, { ...record, ...rest }), new Date().toISOString());
    },
  };
}
