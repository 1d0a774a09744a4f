/**
 * Sealing credential records: AES-256-GCM, a random 96-bit nonce per record, and the id of the key that sealed it
 * stored alongside so keys can be rotated. Shared by the CLI's vault and any server-side store.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { CredentialRecord } from "./types.js";

export const MASTER_KEY_BYTES = 32;

export interface MasterKey {
  /** A short fingerprint of the key (not secret), stored with every record it seals. */
  id: string;
  bytes: Buffer;
}

export interface SealedRecord {
  key_id: string;
  /** base64 */
  nonce: string;
  /** base64 */
  ciphertext: string;
  /** base64 GCM authentication tag */
  tag: string;
}

export class SealedRecordError extends Error {
  constructor(
    /** wrong_key: sealed under another key id; damaged: the key fits but the record or its context does not authenticate. */
    readonly reason: "wrong_key" | "damaged",
    message: string,
  ) {
    super(message);
    this.name = "SealedRecordError";
  }
}

export function masterKey(bytes: Buffer): MasterKey {
  if (bytes.length !== MASTER_KEY_BYTES) throw new RangeError(`a master key is ${MASTER_KEY_BYTES} bytes (got ${bytes.length})`);
  const id = createHash("sha256").update("agent-connectors key id\0").update(bytes).digest("hex").slice(0, 16);
  return { id, bytes };
}

/** `context` (e.g. connector and account) is authenticated with the record, so a record only opens where it was sealed. */
export function encryptRecord(record: CredentialRecord, key: MasterKey, context: string): SealedRecord {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(record), "utf8"), cipher.final()]);
  return { key_id: key.id, nonce: nonce.toString("base64"), ciphertext: ciphertext.toString("base64"), tag: cipher.getAuthTag().toString("base64") };
}

export function decryptRecord(sealed: SealedRecord, key: MasterKey, context: string): CredentialRecord {
  if (sealed.key_id !== key.id) throw new SealedRecordError("wrong_key", `sealed with key ${sealed.key_id}, not with key ${key.id}`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(sealed.nonce, "base64"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]);
    return JSON.parse(plaintext.toString("utf8")) as CredentialRecord;
  } catch {
    // Never the cause: it says nothing useful and must not echo any input.
    throw new SealedRecordError("damaged", "the record failed its integrity check (changed, damaged, or moved from another connector or account)");
  }
}
