/**
 * Which master key a store's credentials are sealed with: checked at every start, recorded on the first,
 * and changed only by rotation, which reseals every record under the new key in one transaction.
 */
import type { MasterKey } from "../credentials/cipher.js";
import { ConfigError } from "./config.js";
import type { ResealReport, Store } from "./store/types.js";
import { Vault } from "./vault.js";

/** Fails loudly at start, not at the first call, when the key cannot open what is stored. */
export async function checkMasterKey(store: Store, key: MasterKey, variable = "CONNECTORS_MASTER_KEY"): Promise<void> {
  const recorded = await store.vaultKeyId();
  const sealedWith = new Set([...(await store.credentialKeyIds()), ...(recorded ? [recorded] : [])]);
  sealedWith.delete(key.id);
  if (sealedWith.size)
    throw new ConfigError(`${variable} (key ${key.id}) is not the key the stored credentials are sealed with (key ${[...sealedWith].join(", key ")}); start with that key`);
  if (!recorded) await store.recordVaultKeyId(key.id);
}

/**
 * Reseals every stored credential under `newKey` (run with the servers stopped). Records the old key cannot open are
 * reported (id, reason) and their accounts set to needs_reauth: afterwards everything stored opens with the new key.
 */
export async function rotateMasterKey(store: Store, oldKey: MasterKey, newKey: MasterKey): Promise<ResealReport> {
  if (oldKey.id === newKey.id) throw new ConfigError("the new master key is the same as the current one");
  await checkMasterKey(store, oldKey);
  const from = new Vault(oldKey);
  const to = new Vault(newKey);
  return store.resealCredentials(newKey.id, (id, sealed) => to.seal(id, from.open(id, sealed)));
}
