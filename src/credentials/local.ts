/** Credentials on this machine, as the CLI and the local MCP server read them: environment variables first (they win), else the vault. */
import type { Manifest } from "../manifest/types.js";
import { chainedCredentialStore } from "./chain.js";
import { envCredentialStore } from "./env.js";
import type { CredentialStore } from "./types.js";
import { CredentialVault } from "./vault.js";

/** A whole record from one of the two, never a mix. */
export function localCredentialStore(manifest: Manifest, vault: CredentialVault = new CredentialVault()): CredentialStore {
  return chainedCredentialStore(manifest, [envCredentialStore(manifest), vault]);
}
