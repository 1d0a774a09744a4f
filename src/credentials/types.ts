/** Where credentials come from: the same small interface for env, vault, SQLite and PostgreSQL stores. */

/** A credential record: field name -> value (e.g. { token, account_id }), as the manifest names them. */
export type CredentialRecord = Record<string, string>;

export interface CredentialStore {
  /** The record for one connector and named account, or undefined when there is none. */
  get(connector: string, account: string): Promise<CredentialRecord | undefined> | CredentialRecord | undefined;
  /** Merges changed fields back (e.g. a rotated OAuth refresh token). Stores that cannot write omit it. */
  update?(connector: string, account: string, changes: CredentialRecord): Promise<void> | void;
  /** True when it reads environment variables: a missing credential is then named by its variable, else by its field. */
  readonly readsEnvironment?: boolean;
}
