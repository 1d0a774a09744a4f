/**
 * Credentials from several stores in order (the CLI: environment, then vault), one whole record per call:
 * the first store whose record completes some auth variant wins, so one account's fields never mix two sources.
 */
import type { Manifest } from "../manifest/types.js";
import type { CredentialRecord, CredentialStore } from "./types.js";

/** The first auth variant (manifest order) the record fills every required field of; an explicit `variant` field restricts it. */
export function completeVariant(manifest: Manifest, record: CredentialRecord | undefined): string | undefined {
  if (!record) return undefined;
  return Object.entries(manifest.auth).find(
    ([name, variant]) => (!record.variant || record.variant === name) && Object.entries(variant.fields).every(([field, spec]) => spec.optional || !!record[field]),
  )?.[0];
}

/**
 * When no store has a complete record, the first non-empty one is returned (the runtime then names what is missing).
 * `update` goes back to the store the account's record came from.
 */
export function chainedCredentialStore(manifest: Manifest, stores: CredentialStore[]): CredentialStore {
  const sources = new Map<string, CredentialStore>();
  return {
    readsEnvironment: stores.some((store) => store.readsEnvironment),
    async get(connector, account) {
      let partial: { record: CredentialRecord; store: CredentialStore } | undefined;
      for (const store of stores) {
        const record = await store.get(connector, account);
        if (!record) continue;
        if (completeVariant(manifest, record)) {
          sources.set(`${connector}\0${account}`, store);
          return record;
        }
        partial ??= { record, store };
      }
      if (partial) sources.set(`${connector}\0${account}`, partial.store);
      return partial?.record;
    },
    async update(connector, account, changes) {
      await sources.get(`${connector}\0${account}`)?.update?.(connector, account, changes);
    },
  };
}
