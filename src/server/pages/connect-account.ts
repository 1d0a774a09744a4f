/**
 * The last step of every connect page path (a form's fields, an OAuth authorization): the manifest's connection test
 * with the new credentials, then, only if it passed, the account saved (new, or the one the link reconnects) and the
 * link used up; the test call is the account's first audit row.
 */
import type { CredentialRecord } from "../../credentials/types.js";
import type { Manifest } from "../../manifest/types.js";
import type { CallRecord } from "../../runtime/call-record.js";
import { testConnection } from "../../runtime/connection-test.js";
import { recordCall } from "../account-connection.js";
import type { Services } from "../app-env.js";
import { ApiError } from "../errors.js";
import { NOT_REVOKED, revokedError } from "../routes/connectors.js";
import { upstreamOptions } from "../oauth-settings.js";
import type { ConnectedAccount, ConnectSession } from "../store/types.js";
import { newId } from "../tokens.js";

export const linkUsedUp = () => new ApiError(409, "E_VALIDATION", "this connect link has already connected an account; ask the application for a new link");

export async function connectTested(services: Services, session: ConnectSession, manifest: Manifest, variant: string, record: CredentialRecord): Promise<ConnectedAccount> {
  const { store, vault, config } = services;
  const calls: CallRecord[] = [];
  const tested = await testConnection(manifest, { ...upstreamOptions(config, manifest.name), onCall: (call) => void calls.push(call) }, { ...record, variant });
  const now = (config.now ?? (() => new Date()))().toISOString();
  const existing = session.connector_id ? await store.getAccount(session.workspace_id, session.connector_id) : undefined;
  const id = existing?.id ?? newId("conn");
  // Claimed first: two tabs finishing at once connect one account, never two.
  if (!(await store.updateConnectSession(session.id, { connector_id: id, completed_at: now, last_error: null, choices: null, pending_credentials: null }))) throw linkUsedUp();
  const name = tested.account ?? manifest.title;
  let account: ConnectedAccount;
  if (existing) {
    const changes = { credentials: vault.seal(id, record), auth_variant: variant, status: "active" as const, name };
    const updated = await store.updateAccount(session.workspace_id, id, changes, now, NOT_REVOKED);
    if (!updated) throw revokedError(id);
    account = updated;
  } else {
    account = {
      id,
      workspace_id: session.workspace_id,
      connector_type: manifest.name,
      name,
      user_id: session.user_id,
      account: "default",
      auth_variant: variant,
      scopes: session.scopes,
      read_only: session.read_only,
      status: "active",
      credentials: vault.seal(id, record),
      created_at: now,
      updated_at: now,
    };
    await store.insertAccount(account);
  }
  for (const call of calls) await recordCall(store, account, call);
  return account;
}
