/**
 * Checks what a caller sends to connect an account against the connector's manifest:
 * the connector exists, the credentials are exactly one auth variant's fields, the scopes name real actions.
 */
import type { CredentialRecord } from "../credentials/types.js";
import { ConnectorError } from "../errors.js";
import { findManifest, listConnectorNames } from "../manifest/registry.js";
import type { AuthVariant, Manifest } from "../manifest/types.js";
import { connectFlowFields } from "../runtime/connect-flow.js";
import { Connector } from "../runtime/connector.js";
import { checkScope } from "../runtime/scope.js";
import { badRequest } from "./errors.js";

/** The connector's manifest: the operator's own (ServerConfig.connectorsDir) when there is one of that name, else the bundled one. */
export function manifestFor(connectorType: string, connectorsDir?: string): Manifest {
  const own = connectorsDir ? listConnectorNames(connectorsDir) : [];
  if (own.includes(connectorType)) return findManifest(connectorType, connectorsDir);
  if (!listConnectorNames().includes(connectorType))
    throw badRequest(`unknown connector_type "${connectorType}"; available: ${servedConnectorNames(connectorsDir).join(", ")}`);
  return findManifest(connectorType);
}

/** Every connector this server serves: the bundled ones and the operator's own, sorted. */
export function servedConnectorNames(connectorsDir?: string): string[] {
  return [...new Set([...listConnectorNames(), ...(connectorsDir ? listConnectorNames(connectorsDir) : [])])].sort();
}

const requiredFields = (variant: AuthVariant) => Object.entries(variant.fields).filter(([, f]) => !f.optional).map(([name]) => name);

/** The variant's required fields still missing from the record. */
export const missingFields = (variant: AuthVariant, record: CredentialRecord) => requiredFields(variant).filter((field) => !record[field]);

const authorizable = (variant: AuthVariant, record: CredentialRecord) =>
  variant.authorize_url !== undefined && missingFields(variant, record).every((field) => connectFlowFields(variant).includes(field));

export interface ChosenVariant {
  variant: string;
  /** The record completes an OAuth variant only once its user authorizes (POST .../oauth/start). */
  pending: boolean;
}

/**
 * The auth variant the credentials are for: the one named, else the first (in manifest order) they complete,
 * else the first OAuth variant they can complete through the connect flow (client id and secret only).
 */
export function chooseAuthVariant(manifest: Manifest, credentials: CredentialRecord, named: string | undefined): ChosenVariant {
  const variants = Object.keys(manifest.auth);
  if (named !== undefined && !variants.includes(named)) throw badRequest(`unknown auth_variant "${named}" for ${manifest.name}; variants: ${variants.join(", ")}`);
  const candidates = named !== undefined ? [named] : variants;
  const complete = candidates.find((name) => missingFields(manifest.auth[name]!, credentials).length === 0);
  if (complete !== undefined) return { variant: complete, pending: false };
  const oauth = candidates.find((name) => authorizable(manifest.auth[name]!, credentials));
  if (oauth !== undefined) return { variant: oauth, pending: true };
  const needs = candidates.map((name) => `${name}: ${requiredFields(manifest.auth[name]!).join(", ")}`).join("; ");
  throw badRequest(`the credentials are incomplete for ${manifest.name}; each auth variant needs: ${needs}`);
}

/** A flat record of non-empty strings. */
function credentialRecord(value: unknown): CredentialRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badRequest("credentials must be an object of field names to strings");
  const record = value as Record<string, unknown>;
  const notStrings = Object.keys(record).filter((k) => typeof record[k] !== "string" || record[k] === "");
  if (notStrings.length) throw badRequest(`credentials must be non-empty strings: ${notStrings.join(", ")}`);
  return record as CredentialRecord;
}

/** Only fields the variant declares (no base_url or other extras). */
function onlyDeclared(manifest: Manifest, variant: string, record: CredentialRecord): void {
  const declared = Object.keys(manifest.auth[variant]!.fields);
  const unknown = Object.keys(record).filter((k) => !declared.includes(k));
  if (unknown.length) throw badRequest(`unknown credential fields for ${manifest.name} (${variant}): ${unknown.join(", ")}; fields: ${declared.join(", ")}`);
}

export function checkCredentials(manifest: Manifest, value: unknown, namedVariant: string | undefined): ChosenVariant & { record: CredentialRecord } {
  const record = credentialRecord(value);
  const chosen = chooseAuthVariant(manifest, record, namedVariant);
  onlyDeclared(manifest, chosen.variant, record);
  return { ...chosen, record };
}

/**
 * A pending OAuth account takes fields on top of what the connect flow stored (its user cannot send tokens it never
 * saw): e.g. the upstream account chosen when the authorization reaches several. Complete, it is no longer pending.
 */
export function addPendingCredentials(manifest: Manifest, variant: string, stored: CredentialRecord, value: unknown): ChosenVariant & { record: CredentialRecord } {
  const added = credentialRecord(value);
  onlyDeclared(manifest, variant, added);
  const record = { ...stored, ...added };
  return { variant, pending: missingFields(manifest.auth[variant]!, record).length > 0, record };
}

/** An allow-list of entity.action patterns; patterns that match nothing are a 400 naming them. */
export function checkScopes(manifest: Manifest, value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((p) => typeof p !== "string")) throw badRequest("scopes must be an array of entity.action patterns");
  try {
    checkScope(manifest, { allow: value as string[] });
  } catch (error) {
    if (error instanceof ConnectorError) throw badRequest(error.message.replace("invalid scope", "invalid scopes"));
    throw error;
  }
  return value as string[];
}

/** entity -> the actions the account's scope allows. */
export function allowedActions(manifest: Manifest, scopes: string[] | null, readOnly: boolean): Record<string, string[]> {
  const scoped = new Connector(manifest, { allow: scopes ?? undefined, readOnly, credentials: {} });
  const out: Record<string, string[]> = {};
  for (const { name, actions } of scoped.entities) {
    const allowed = actions.filter((action) => scoped.allows(name, action));
    if (allowed.length) out[name] = allowed;
  }
  return out;
}
