/**
 * The CLI's encrypted credential vault: one JSON file of sealed records, one per connector and named account,
 * replaced atomically (temp file + rename, mode 0600), each read-modify-write under a lock file so that two processes
 * writing at once never lose each other's record. It is a CredentialStore, so the runtime reads it and writes
 * rotated OAuth tokens back. Names (connector, account, variant, field names) stay readable; values never do.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AuthError } from "../errors.js";
import { decryptRecord, encryptRecord, SealedRecordError, type SealedRecord } from "./cipher.js";
import { withFileLock } from "./file-lock.js";
import { configDir, loadMasterKey, MASTER_KEY_VARIABLE, type LoadedKey } from "./master-key.js";
import type { CredentialRecord, CredentialStore } from "./types.js";

export interface VaultEntry {
  connector: string;
  account: string;
  /** The auth variant the record is for (personal_access_token, oauth2, ...). */
  variant: string;
  /** Field names only, never values. */
  fields: string[];
  updated_at: string;
}

interface StoredRecord extends VaultEntry {
  sealed: SealedRecord;
}

interface VaultFile {
  version: 1;
  records: StoredRecord[];
}

export interface VaultOptions {
  /** Default: configDir(env). */
  dir?: string;
  /** Where CONNECTORS_MASTER_KEY and the config directory variables are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export class CredentialVault implements CredentialStore {
  readonly dir: string;
  readonly file: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: VaultOptions = {}) {
    this.env = options.env ?? process.env;
    this.dir = options.dir ?? configDir(this.env);
    this.file = join(this.dir, "vault.json");
  }

  list(): VaultEntry[] {
    return this.read().records.map(({ sealed: _sealed, ...entry }) => entry);
  }

  /** The stored record with its variant ({ variant, token, account_id }), or undefined when there is none. */
  get(connector: string, account: string): CredentialRecord | undefined {
    const stored = this.read().records.find(matching(connector, account));
    return stored && { ...this.open(stored), variant: stored.variant };
  }

  /** Stores the record for one auth variant, replacing whatever the account had; says which key sealed it. */
  set(connector: string, account: string, variant: string, record: CredentialRecord): LoadedKey {
    const loaded = this.key(true)!;
    const sealed = this.seal(connector, account, variant, record, loaded);
    withFileLock(this.file, () => this.replace(connector, account, sealed));
    return loaded;
  }

  /** Merges changed fields (a rotated refresh token, a new access token) into the stored record, if there is one. */
  update(connector: string, account: string, changes: CredentialRecord): void {
    withFileLock(this.file, () => {
      const stored = this.read().records.find(matching(connector, account));
      if (!stored) return;
      const merged = { ...this.open(stored), ...changes };
      this.replace(connector, account, this.seal(connector, account, stored.variant, merged, this.key(false)!));
    });
  }

  /** Deletes one account's record; false when there was none. */
  remove(connector: string, account: string): boolean {
    return withFileLock(this.file, () => {
      const vault = this.read();
      const records = vault.records.filter((r) => !matching(connector, account)(r));
      if (records.length === vault.records.length) return false;
      this.write({ ...vault, records });
      return true;
    });
  }

  /** The caller holds the lock: read, changed and written as one step. */
  private replace(connector: string, account: string, record: StoredRecord): void {
    const vault = this.read();
    this.write({ ...vault, records: [...vault.records.filter((r) => !matching(connector, account)(r)), record] });
  }

  private seal(connector: string, account: string, variant: string, record: CredentialRecord, loaded: LoadedKey): StoredRecord {
    const sealed = encryptRecord(record, loaded.key, sealContext(connector, account, variant));
    return { connector, account, variant, fields: Object.keys(record), updated_at: new Date().toISOString(), sealed };
  }

  private open(stored: StoredRecord): CredentialRecord {
    const what = `the stored ${stored.connector} credentials${stored.account === "default" ? "" : ` (account "${stored.account}")`}`;
    const fail = (message: string) => new AuthError(message, { reason: "invalid", credentials: stored.fields });
    const loaded = this.key(false);
    if (!loaded)
      throw fail(`cannot open ${what}: no master key (${MASTER_KEY_VARIABLE} is unset and ${join(this.dir, "master.key")} is missing); set ${MASTER_KEY_VARIABLE} to the key they were saved with, or store them again`);
    try {
      return decryptRecord(stored.sealed, loaded.key, sealContext(stored.connector, stored.account, stored.variant));
    } catch (error) {
      if (!(error instanceof SealedRecordError)) throw error;
      if (error.reason === "wrong_key")
        throw fail(`cannot open ${what}: they were sealed with key ${stored.sealed.key_id}, but the master key from ${loaded.origin} is ${loaded.key.id}; use the key they were saved with, or store them again`);
      throw fail(`cannot open ${what} in ${this.file}: ${error.message}; store them again`);
    }
  }

  private key(create: boolean): LoadedKey | undefined {
    return loadMasterKey(this.dir, this.env, create);
  }

  private read(): VaultFile {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, records: [] };
      throw error;
    }
    try {
      const vault = JSON.parse(text) as VaultFile;
      if (vault.version === 1 && Array.isArray(vault.records)) return vault;
    } catch {
      // reported below
    }
    throw new Error(`${this.file} is not a credential vault this version can read; move it away to start a new one`);
  }

  /** Temp file + rename: a reader never sees half a vault, and a crash leaves the old one whole. */
  private write(vault: VaultFile): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      const fd = openSync(temp, "wx", 0o600);
      try {
        writeSync(fd, `${JSON.stringify(vault, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
}

function matching(connector: string, account: string) {
  return (r: VaultEntry) => r.connector === connector && r.account === account;
}

/** Authenticated with each record: a record copied to another connector, account or variant does not open. */
function sealContext(connector: string, account: string, variant: string): string {
  return ["agent-connectors vault v1", connector, account, variant].join("\0");
}

/**
 * The vault `connectors credentials set` writes, as a store for connect(): a script uses the same stored accounts,
 * and a rotated OAuth refresh token is written back. Only the vault: environment variables are not read.
 */
export function vaultCredentialStore(options: VaultOptions = {}): CredentialStore {
  return new CredentialVault(options);
}
