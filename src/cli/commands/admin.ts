/** `connectors admin rotate-key`: reseals a store's credentials from CONNECTORS_MASTER_KEY to CONNECTORS_NEW_MASTER_KEY. */
import { keyFromVariable } from "../../server/config.js";
import { DEFAULT_DATABASE, openStore } from "../../server/store/open.js";
import { rotateMasterKey } from "../../server/vault-key.js";

export async function rotateKey(options: { database?: string }): Promise<void> {
  // Both keys checked before the database is touched.
  const oldKey = keyFromVariable(process.env, "CONNECTORS_MASTER_KEY");
  const newKey = keyFromVariable(process.env, "CONNECTORS_NEW_MASTER_KEY");
  const store = await openStore(options.database ?? DEFAULT_DATABASE);
  try {
    const count = await rotateMasterKey(store, oldKey, newKey);
    process.stderr.write(`Resealed ${count} credential record(s) under key ${newKey.id}; start the server with CONNECTORS_MASTER_KEY set to the new key\n`);
  } finally {
    await store.close();
  }
}
