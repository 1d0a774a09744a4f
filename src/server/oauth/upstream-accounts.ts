/**
 * Which upstream account a freshly authorized token acts on: the connector's `accounts.list` action, run through the
 * runtime with the new tokens. One account: that one; several: the user chooses (PATCH credentials.account_id).
 */
import type { CredentialRecord } from "../../credentials/types.js";
import type { Manifest } from "../../manifest/types.js";
import { connect } from "../../runtime/connector.js";
import type { ServerConfig } from "../config.js";

export interface UpstreamAccount {
  id: string;
  name?: string;
}

export async function listUpstreamAccounts(manifest: Manifest, variant: string, record: CredentialRecord, config: ServerConfig): Promise<UpstreamAccount[]> {
  const connector = connect(manifest, { ...config.upstream?.[manifest.name], credentials: { ...record, variant }, env: config.env ?? {} });
  const { data } = await connector.execute("accounts", "list", {});
  return (data as { id: unknown; name?: unknown; product?: unknown }[])
    // Harvest ID also lists the user's Forecast accounts, which this connector cannot act on.
    .filter((account) => account.product === undefined || account.product === manifest.name)
    .map((account) => ({ id: String(account.id), name: typeof account.name === "string" ? account.name : undefined }));
}

/** Whether the manifest can find account ids for itself. */
export const canListAccounts = (manifest: Manifest) => manifest.entities.accounts?.actions.list !== undefined;
