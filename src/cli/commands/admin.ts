/** `connectors admin rotate-key`: reseals a store's credentials from CONNECTORS_MASTER_KEY to CONNECTORS_NEW_MASTER_KEY. */
import { rotateStoreKey } from "../../server/index.js";

export async function rotateKey(options: { database?: string }): Promise<void> {
  const { count, keyId } = await rotateStoreKey(options.database);
  process.stderr.write(`Resealed ${count} credential record(s) under key ${keyId}; start the server with CONNECTORS_MASTER_KEY set to the new key\n`);
}
