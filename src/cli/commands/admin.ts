/** `connectors admin rotate-key`: reseals a store's credentials from CONNECTORS_MASTER_KEY to CONNECTORS_NEW_MASTER_KEY. */
import { rotateStoreKey } from "../../server/index.js";

export async function rotateKey(options: { database?: string }): Promise<void> {
  const { resealed, failed, keyId } = await rotateStoreKey(options.database);
  process.stderr.write(`Resealed ${resealed} credential record(s) under key ${keyId}; start the server with CONNECTORS_MASTER_KEY set to the new key\n`);
  if (!failed.length) return;
  const lines = failed.map(({ id, reason }) => `  ${id}: ${reason}`);
  process.stderr.write(`${failed.length} record(s) could not be opened with the old key; they were cleared and their accounts set to needs_reauth (reconnect each):\n${lines.join("\n")}\n`);
  process.exitCode = 1;
}
