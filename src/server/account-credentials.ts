/**
 * The CredentialStore the runtime gets for one call: it reads and writes exactly one connected account,
 * opening its sealed record only in memory, and writing rotated tokens back sealed.
 */
import type { CredentialRecord, CredentialStore } from "../credentials/types.js";
import type { ConnectedAccount, Store } from "./store/types.js";
import type { Vault } from "./vault.js";

export function accountCredentialStore(store: Store, vault: Vault, account: ConnectedAccount): CredentialStore {
  const current = async (): Promise<CredentialRecord | undefined> => {
    // Read afresh at every call: a revocation or rotation takes effect on the next request.
    const latest = await store.getAccount(account.workspace_id, account.id);
    if (!latest || latest.status !== "active" || !latest.credentials) return undefined;
    return vault.open(account.id, latest.credentials);
  };
  return {
    async get() {
      const record = await current();
      // The variant chosen when it was connected, so the runtime never guesses another one.
      return record && { ...record, variant: account.auth_variant };
    },
    async update(_connector, _account, changes) {
      const record = await current();
      if (!record) return;
      const { variant: _variant, ...rest } = changes;
      await store.replaceActiveCredentials(account.id, vault.seal(account.id, { ...record, ...rest }), new Date().toISOString());
    },
  };
}
