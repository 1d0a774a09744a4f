/**
 * The token file for a single-user (or small) HTTP server: JSON mapping each bearer token to its user's credentials,
 * per connector either a credential record or the name of an account in the local vault:
 *
 *   { "<token>": { "<connector>": { "<field>": "...", ... }, "<other connector>": "<vault account name>" } }
 *
 * It holds secrets, so a file that anyone but its owner can read is refused. Read once at start; entries are named
 * by position in every message, never by token.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { staticCredentialStore } from "../credentials/env.js";
import type { CredentialRecord, CredentialStore } from "../credentials/types.js";
import { CredentialVault } from "../credentials/vault.js";
import { ValidationError } from "../errors.js";
import type { McpUser, TokenResolver } from "./types.js";

/** Shorter tokens are too easy to guess for something that unlocks a user's accounts. */
const MIN_TOKEN_LENGTH = 16;

export function readTokenFile(file: string, vault: () => CredentialStore = lazyVault()): TokenResolver {
  const users = new Map<string, McpUser>();
  Object.entries(parseTokenFile(file, readOwnerOnly(file))).forEach(([token, connectors], index) => {
    const entry = `${file}: entry ${index + 1}`;
    if (token.length < MIN_TOKEN_LENGTH) throw new ValidationError(`${entry}: a token must be at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32)`);
    users.set(digest(token), { connectors: userConnections(connectors, entry, vault) });
  });
  return { resolveToken: (token) => users.get(digest(token)) };
}

function readOwnerOnly(file: string): string {
  let mode: number;
  let text: string;
  try {
    mode = statSync(file).mode & 0o777;
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ValidationError(`cannot read the token file: ${(error as Error).message}`);
  }
  // Windows has no such mode bits.
  if (process.platform !== "win32" && mode & 0o077)
    throw new ValidationError(`${file} can be read or changed by others (mode ${mode.toString(8)}): it holds bearer tokens and credentials; run chmod 600 ${file}`);
  return text;
}

function parseTokenFile(file: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not the parser's message: it may quote the file's text.
    throw new ValidationError(`${file} is not valid JSON`);
  }
  if (!isPlainObject(parsed)) throw new ValidationError(`${file} must be a JSON object mapping each token to its credentials`);
  return parsed;
}

/** Per connector: a record (kept in memory, so a rotated OAuth token lives as long as the server) or a vault account. */
function userConnections(connectors: unknown, entry: string, vault: () => CredentialStore): McpUser["connectors"] {
  if (!isPlainObject(connectors)) throw new ValidationError(`${entry} must map connector names to credentials`);
  return Object.fromEntries(
    Object.entries(connectors).map(([connector, value]) => {
      if (typeof value === "string") return [connector, { credentials: vaultAccount(vault, value) }];
      if (isPlainObject(value) && Object.values(value).every((field) => typeof field === "string"))
        return [connector, { credentials: staticCredentialStore(value as CredentialRecord) }];
      throw new ValidationError(`${entry}: ${connector} must be a credential record of strings, or the name of an account in the vault`);
    }),
  );
}

/** The vault's record for one named account, whatever account the runtime asks for. */
function vaultAccount(vault: () => CredentialStore, account: string): CredentialStore {
  return {
    get: (connector) => vault().get(connector, account),
    update: (connector, _account, changes) => vault().update?.(connector, account, changes),
  };
}

function lazyVault(): () => CredentialStore {
  let vault: CredentialVault | undefined;
  return () => (vault ??= new CredentialVault());
}

/** Tokens are looked up by digest: equal-length keys, and no token kept in memory as written. */
function digest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
