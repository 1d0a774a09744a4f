/** `connectors credentials set|list|remove`: the encrypted local vault. Secrets come from a prompt or stdin, never argv. */
import { completeVariant } from "../../credentials/chain.js";
import { envCredentialStore } from "../../credentials/env.js";
import { CredentialVault } from "../../credentials/vault.js";
import type { CredentialRecord } from "../../credentials/types.js";
import { ValidationError } from "../../errors.js";
import type { AuthVariant, Manifest } from "../../manifest/types.js";
import { loadManifest } from "../manifests.js";
import { valueInput } from "../prompt.js";

export async function setCredentials(connector: string, options: { account: string; variant?: string }): Promise<void> {
  const manifest = await loadManifest(connector);
  const [variantName, variant] = pickVariant(manifest, options.variant);
  const record = await readRecord(manifest, variantName, variant, options.account);
  const vault = new CredentialVault();
  const { origin } = vault.set(connector, options.account, variantName, record);
  const where = options.account === "default" ? "" : ` account "${options.account}"`;
  const lines = [`saved ${connector}${where} (${variantName}: ${Object.keys(record).join(", ")}) in ${vault.file}, sealed with the key from ${origin}`];
  if (completeVariant(manifest, await envCredentialStore(manifest).get(connector, options.account)))
    lines.push(`note: the environment also holds ${connector} credentials for this account, and they win; unset them to use the vault`);
  process.stderr.write(`${lines.join("\n")}\n`);
}

export function listCredentials(connector: string | undefined, options: { json?: boolean }): void {
  const vault = new CredentialVault();
  const entries = vault.list().filter((e) => !connector || e.connector === connector);
  if (options.json) return void process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  if (entries.length === 0) return void process.stderr.write(`no stored credentials${connector ? ` for ${connector}` : ""} in ${vault.file}; add some with: connectors credentials set <connector>\n`);
  // Field names come last and are never clipped: they are what tells records apart.
  const rows = [["CONNECTOR", "ACCOUNT", "VARIANT"], ...entries.map((e) => [e.connector, e.account, e.variant])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const fields = ["FIELDS", ...entries.map((e) => e.fields.join(", "))];
  process.stdout.write(rows.map((row, r) => [...row.map((cell, i) => cell.padEnd(widths[i]!)), fields[r]].join("  ")).join("\n") + "\n");
}

export function removeCredentials(connector: string, options: { account: string }): void {
  const vault = new CredentialVault();
  if (!vault.remove(connector, options.account)) {
    const accounts = vault.list().filter((e) => e.connector === connector).map((e) => e.account);
    throw new ValidationError(`no stored credentials for ${connector} account "${options.account}"; stored accounts for ${connector}: ${accounts.join(", ") || "(none)"}`);
  }
  process.stderr.write(`removed ${connector} account "${options.account}" from ${vault.file}\n`);
}

function pickVariant(manifest: Manifest, name: string | undefined): [string, AuthVariant] {
  const variants = Object.entries(manifest.auth);
  const picked = name === undefined ? variants[0] : variants.find(([n]) => n === name);
  if (!picked) throw new ValidationError(`unknown auth variant "${name}" for ${manifest.name}; variants: ${variants.map(([n]) => n).join(", ")}`);
  return picked;
}

/** One value per field, in manifest order; an empty answer skips an optional field. */
async function readRecord(manifest: Manifest, variantName: string, variant: AuthVariant, account: string): Promise<CredentialRecord> {
  const input = valueInput();
  if (process.stdin.isTTY) process.stderr.write(`${manifest.title} (${variantName}${account === "default" ? "" : `, account "${account}"`})${variant.description ? `: ${variant.description}` : ""}\n`);
  const record: CredentialRecord = {};
  try {
    for (const [field, spec] of Object.entries(variant.fields)) {
      const value = await input.read(`${field}${spec.description ? ` - ${spec.description}` : ""}${spec.optional ? " [optional, Enter to skip]" : ""}: `, !!spec.secret);
      if (value) record[field] = value;
      else if (!spec.optional) {
        const fields = Object.keys(variant.fields).join(", ");
        throw new ValidationError(`no value for ${field}; ${variantName} takes ${fields}, one per line on stdin or at the prompts; nothing was saved`);
      }
    }
  } finally {
    input.close();
  }
  return record;
}
