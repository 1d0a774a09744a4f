/**
 * What a process serving hosted users opens (`connectors serve`, and `connectors mcp --database`): the settings from
 * the environment, the store with its master key checked before anything else, the vault, and, on PostgreSQL, the
 * coordinator replicas share pacing and OAuth refreshes through.
 */
import type { Services } from "./app-env.js";
import { configFromEnv, keyFromVariable, type ConfigFlags } from "./config.js";
import { openCoordinator } from "./coordination/index.js";
import { DEFAULT_DATABASE, openStore } from "./store/open.js";
import type { ResealReport } from "./store/types.js";
import { Vault } from "./vault.js";
import { checkMasterKey, rotateMasterKey } from "./vault-key.js";

export interface Hosted {
  services: Services;
  close(): Promise<void>;
}

export async function openHosted(database: string = DEFAULT_DATABASE, env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): Promise<Hosted> {
  // Checked before the database is touched: without the key nothing stored could be opened.
  const config = configFromEnv(env, flags);
  const store = await openStore(database);
  try {
    await checkMasterKey(store, config.masterKey);
    const coordinator = await openCoordinator(database);
    return {
      services: { store, vault: new Vault(config.masterKey), config: { ...config, coordinator, requestWindows: coordinator } },
      close: async () => {
        await coordinator?.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** `connectors admin rotate-key`: reseals a store's credentials from CONNECTORS_MASTER_KEY to CONNECTORS_NEW_MASTER_KEY. */
export async function rotateStoreKey(database: string = DEFAULT_DATABASE, env: NodeJS.ProcessEnv = process.env): Promise<ResealReport & { keyId: string }> {
  // Both keys checked before the database is touched.
  const oldKey = keyFromVariable(env, "CONNECTORS_MASTER_KEY");
  const newKey = keyFromVariable(env, "CONNECTORS_NEW_MASTER_KEY");
  const store = await openStore(database);
  try {
    return { ...(await rotateMasterKey(store, oldKey, newKey)), keyId: newKey.id };
  } finally {
    await store.close();
  }
}
