/**
 * Seals each connected account's credentials with the server's master key (src/credentials/cipher.ts).
 * The account id is the authenticated context, so a sealed record copied onto another account does not open.
 */
import { decryptRecord, encryptRecord, SealedRecordError, type MasterKey, type SealedRecord } from "../credentials/cipher.js";
import type { CredentialRecord } from "../credentials/types.js";
import { AuthError } from "../errors.js";

export class Vault {
  constructor(readonly key: MasterKey) {}

  seal(accountId: string, record: CredentialRecord): SealedRecord {
    return encryptRecord(record, this.key, context(accountId));
  }

  open(accountId: string, sealed: SealedRecord): CredentialRecord {
    try {
      return decryptRecord(sealed, this.key, context(accountId));
    } catch (error) {
      if (!(error instanceof SealedRecordError)) throw error;
      throw new AuthError(`the stored credentials of connector ${accountId} cannot be opened: ${error.message}`, { reason: "unavailable" });
    }
  }
}

const context = (accountId: string) => `agent-connectors server account\0${accountId}`;
