/**
 * Proving new credentials before they are saved: the manifest's connection_test action, run once with them (outside
 * any scope: it is the connector's own check, read-only and without params), and the account it names.
 */
import type { CredentialRecord } from "../credentials/types.js";
import type { Manifest } from "../manifest/types.js";
import { fillTemplate } from "../manifest/template.js";
import { Connector, type ConnectOptions } from "./connector.js";

export interface TestedConnection {
  /** Whether the manifest declares a test (without one, nothing was sent). */
  tested: boolean;
  /** The account as the manifest's `account` template names it from the test's record. */
  account?: string;
}

/** Throws the runtime's error when the upstream refuses the credentials (AuthError), cannot be reached, and so on. */
export async function testConnection(manifest: Manifest, options: ConnectOptions, credentials: CredentialRecord & { variant: string }): Promise<TestedConnection> {
  const test = manifest.connection_test;
  if (!test) return { tested: false };
  const [entity, action] = test.action.split(".") as [string, string];
  const probe = new Connector(manifest, { ...options, allow: undefined, readOnly: undefined, credentials });
  const { data } = await probe.execute(entity, action, {});
  const account = test.account === undefined ? undefined : fillTemplate(test.account, topLevelText(data));
  return { tested: true, ...(account !== undefined ? { account } : {}) };
}

/** A record's top-level strings and numbers, as text for a template. */
function topLevelText(record: unknown): Record<string, string | undefined> {
  if (typeof record !== "object" || record === null) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) if (typeof value === "string" || typeof value === "number") out[key] = String(value);
  return out;
}
