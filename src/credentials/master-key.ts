/**
 * Where the CLI keeps its files, and the master key that seals its vault: CONNECTORS_MASTER_KEY (32 bytes, base64),
 * else a key file created on first use with mode 0600 in the config directory.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { AuthError } from "../errors.js";
import { MASTER_KEY_BYTES, masterKey, type MasterKey } from "./cipher.js";

export const MASTER_KEY_VARIABLE = "CONNECTORS_MASTER_KEY";

/** CONNECTORS_CONFIG_DIR, else $XDG_CONFIG_HOME/agent-connectors, else ~/.config/agent-connectors. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONNECTORS_CONFIG_DIR) return env.CONNECTORS_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "agent-connectors");
}

export interface LoadedKey {
  key: MasterKey;
  /** Where it came from, for messages: the variable's name or the key file's path. */
  origin: string;
}

/** The master key; with `create`, a missing key file is made. Undefined when there is none and none may be made. */
export function loadMasterKey(dir: string, env: NodeJS.ProcessEnv, create: boolean): LoadedKey | undefined {
  const fromEnv = env[MASTER_KEY_VARIABLE];
  if (fromEnv) return { key: decodeKey(fromEnv, MASTER_KEY_VARIABLE), origin: MASTER_KEY_VARIABLE };
  const file = join(dir, "master.key");
  const text = readIfExists(file);
  if (text !== undefined) return { key: decodeKey(text, `the key file ${file}`), origin: file };
  if (!create) return undefined;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // "wx": two processes creating the key at once must not each write their own.
    writeFileSync(file, `${randomBytes(MASTER_KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return { key: decodeKey(readFileSync(file, "utf8"), `the key file ${file}`), origin: file };
}

function decodeKey(text: string, origin: string): MasterKey {
  const trimmed = text.trim();
  const bytes = Buffer.from(trimmed, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || bytes.length !== MASTER_KEY_BYTES)
    throw new AuthError(`${origin} must hold ${MASTER_KEY_BYTES} random bytes in base64 (make one with: openssl rand -base64 32)`, {
      reason: "invalid",
      credentials: [MASTER_KEY_VARIABLE],
    });
  return masterKey(bytes);
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
