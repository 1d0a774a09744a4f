/**
 * What an application needs to let its users connect a connector, from the manifest alone: the auth variants with
 * their fields (labelled, secret or not, and who supplies each) and every scope it can grant (entity.action,
 * read-only or not). The hosted API's GET /api/v1/catalog and its connect pages are built from it.
 */
import { actionAnnotations } from "../manifest/annotations.js";
import type { AuthVariant, Manifest } from "../manifest/types.js";
import { connectFlowFields } from "./connect-flow.js";

/** user: typed into a connect form; oauth_client: the server's OAuth application; oauth_flow: what authorizing gives. */
export type FieldSource = "user" | "oauth_client" | "oauth_flow";

export interface CatalogField {
  name: string;
  label: string;
  secret: boolean;
  optional: boolean;
  description?: string;
  supplied_by: FieldSource;
}

export interface CatalogVariant {
  name: string;
  label: string;
  description?: string;
  /** oauth: the user authorizes at the provider; form: the user types the fields. */
  flow: "oauth" | "form";
  fields: CatalogField[];
}

export interface CatalogAction {
  /** The scope pattern that grants it: entity.action. */
  scope: string;
  description: string;
  read_only: boolean;
}

export interface CatalogEntry {
  name: string;
  title: string;
  description: string;
  docs_url?: string;
  auth: CatalogVariant[];
  scopes: { entity: string; description: string; actions: CatalogAction[] }[];
  /** The read-only action a connect page runs with new credentials before saving them. */
  connection_test?: string;
}

/** "refresh_token" as "Refresh token": a label for a field the manifest gives none. */
const inWords = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replaceAll("_", " ");

/** The client fields every OAuth variant has (the manifest checker requires them). */
const OAUTH_CLIENT_FIELDS = ["client_id", "client_secret"];

export const isOAuthVariant = (variant: AuthVariant) => variant.type === "oauth2_refresh" && variant.authorize_url !== undefined;

function fieldSource(variant: AuthVariant, field: string): FieldSource {
  if (!isOAuthVariant(variant)) return "user";
  if (OAUTH_CLIENT_FIELDS.includes(field)) return "oauth_client";
  return connectFlowFields(variant).includes(field) ? "oauth_flow" : "user";
}

export function catalogVariant(name: string, variant: AuthVariant): CatalogVariant {
  const fields = Object.entries(variant.fields).map(([field, spec]) => ({
    name: field,
    label: spec.label ?? inWords(field),
    secret: !!spec.secret,
    optional: !!spec.optional,
    ...(spec.description ? { description: spec.description } : {}),
    supplied_by: fieldSource(variant, field),
  }));
  return { name, label: variant.label ?? inWords(name), ...(variant.description ? { description: variant.description } : {}), flow: isOAuthVariant(variant) ? "oauth" : "form", fields };
}

export function catalogEntry(manifest: Manifest): CatalogEntry {
  const scopes = Object.entries(manifest.entities).map(([entity, spec]) => ({
    entity,
    description: spec.description,
    actions: Object.entries(spec.actions).map(([action, a]) => ({ scope: `${entity}.${action}`, description: a.description, read_only: actionAnnotations(a).read_only })),
  }));
  return {
    name: manifest.name,
    title: manifest.title,
    description: manifest.description,
    ...(manifest.docs_url ? { docs_url: manifest.docs_url } : {}),
    auth: Object.entries(manifest.auth).map(([name, variant]) => catalogVariant(name, variant)),
    scopes,
    ...(manifest.connection_test ? { connection_test: manifest.connection_test.action } : {}),
  };
}
