/**
 * The OAuth connect flow's steps, for a server that connects users' accounts: the consent URL, the authorization code
 * exchange, and finding a credential field the authorization does not give (the manifest's account_discovery, e.g.
 * which Harvest account to act on). Endpoints resolve exactly as for calls (options, then CONNECTORS_<NAME>_*).
 */
import type { CredentialRecord } from "../credentials/types.js";
import { ValidationError } from "../errors.js";
import type { AuthVariant, Manifest } from "../manifest/types.js";
import { Connector, type ConnectOptions } from "./connector.js";
import { resolveEndpoints } from "./endpoints.js";
import { exchangeCode } from "./oauth.js";
import { getPath } from "./path.js";

export interface UpstreamAccount {
  id: string;
  name?: string;
}

export interface Discovered {
  /** The credential field discovery fills. */
  field: string;
  /** Every candidate left after the manifest's filter. */
  accounts: UpstreamAccount[];
  /** The one to use, when the manifest's rule picks one; else the user chooses among `accounts`. */
  chosen?: string;
}

/** The credential fields a completed connect flow fills for the variant (tokens, and what discovery finds). */
export function connectFlowFields(variant: AuthVariant): string[] {
  const fields = ["refresh_token", "access_token", "expires_at"];
  if (variant.account_discovery) fields.push(variant.account_discovery.field);
  return fields;
}

function oauthVariant(manifest: Manifest, variant: string): AuthVariant {
  const spec = Object.hasOwn(manifest.auth, variant) ? manifest.auth[variant] : undefined;
  if (!spec || spec.type !== "oauth2_refresh")
    throw new ValidationError(`${manifest.name}'s ${variant} credentials are not connected through OAuth; there is nothing to authorize`, [{ param: "auth_variant", message: "not an OAuth variant" }]);
  return spec;
}

/** Where to send the user's browser for consent: the authorize endpoint (CONNECTORS_<NAME>_AUTHORIZE_URL overrides it). */
export function authorizeUrl(manifest: Manifest, variant: string, options: ConnectOptions, request: { clientId: string; redirectUri: string; state: string }): string {
  const spec = oauthVariant(manifest, variant);
  const env = options.env ?? process.env;
  const endpoint = env[`CONNECTORS_${manifest.name.toUpperCase()}_AUTHORIZE_URL`] || spec.authorize_url;
  if (!endpoint) throw new ValidationError(`${manifest.name}'s ${variant} variant declares no authorize_url`);
  if (!request.clientId) throw new ValidationError(`the account has no client_id for ${manifest.name}'s ${variant} variant`, [{ param: "client_id", message: "missing" }]);
  const url = new URL(endpoint);
  url.searchParams.set("client_id", request.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", request.redirectUri);
  url.searchParams.set("state", request.state);
  return url.toString();
}

/** The code the user's consent produced, for tokens (sent with the manifest's headers to the variant's token endpoint). */
export async function exchangeAuthorizationCode(
  manifest: Manifest,
  variant: string,
  options: ConnectOptions,
  grant: { code: string; redirectUri: string; clientId: string; clientSecret: string },
): Promise<CredentialRecord> {
  oauthVariant(manifest, variant);
  const endpoints = await resolveEndpoints(manifest, { ...options, credentials: {} });
  return exchangeCode(
    { connector: manifest.name, tokenUrl: endpoints.tokenUrls[variant]!, userAgent: endpoints.headers["User-Agent"], http: { dispatcher: endpoints.dispatcher, timeoutMs: options.timeout ?? 30_000 } },
    grant,
  );
}

/** Runs the variant's account_discovery with the new tokens; undefined when it declares none or the record has the field. */
export async function discoverAccount(manifest: Manifest, variant: string, options: ConnectOptions, record: CredentialRecord): Promise<Discovered | undefined> {
  const discovery = oauthVariant(manifest, variant).account_discovery;
  if (!discovery || record[discovery.field]) return undefined;
  const [entity, action] = discovery.action.split(".") as [string, string];
  const probe = new Connector(manifest, { ...options, allow: undefined, readOnly: undefined, onCall: undefined, credentials: { ...record, variant } });
  const { data } = await probe.execute(entity, action, {}, { all: true });
  const accounts = (data as unknown[])
    .filter((item) => Object.entries(discovery.where ?? {}).every(([path, value]) => getPath(item, path) === value))
    .map((item) => ({ id: String(getPath(item, discovery.id ?? "id")), name: stringAt(item, discovery.name) }));
  const chosen = discovery.pick === "first" ? accounts[0]?.id : accounts.length === 1 ? accounts[0]!.id : undefined;
  return { field: discovery.field, accounts, ...(chosen !== undefined ? { chosen } : {}) };
}

function stringAt(item: unknown, path: string | undefined): string | undefined {
  const value = path ? getPath(item, path) : undefined;
  return typeof value === "string" ? value : undefined;
}
