/** Credentials from environment variables, named by each manifest field's `env` (HARVEST_ACCESS_TOKEN...). */
import type { Manifest } from "../manifest/types.js";
import type { CredentialRecord, CredentialStore } from "./types.js";

/** The variable for a field and account: the default account uses the name as declared, others append _<ACCOUNT>. */
export function envVariableName(declared: string, account: string): string {
  return account === "default" ? declared : `${declared}_${account.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

export function envCredentialStore(manifest: Manifest, env: NodeJS.ProcessEnv = process.env): CredentialStore {
  return {
    readsEnvironment: true,
    get(_connector: string, account: string): CredentialRecord | undefined {
      const record: CredentialRecord = {};
      for (const variant of Object.values(manifest.auth))
        for (const [field, spec] of Object.entries(variant.fields)) {
          if (!spec.env || field in record) continue;
          const value = env[envVariableName(spec.env, account)];
          // An empty variable counts as unset.
          if (value) record[field] = value;
        }
      return Object.keys(record).length > 0 ? record : undefined;
    },
  };
}

/** A fixed record handed to connect(); rotated tokens are kept in memory and reported through onChange. */
export function staticCredentialStore(record: CredentialRecord, onChange?: (record: CredentialRecord) => void): CredentialStore {
  let current = { ...record };
  return {
    get: () => current,
    update(_connector, _account, changes) {
      current = { ...current, ...changes };
      onChange?.({ ...current });
    },
  };
}
