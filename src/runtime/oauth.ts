/**
 * OAuth2: the authorization code exchange, and refresh-token sessions: one access token per refresh-token lineage,
 * refreshed by ONE request however many calls need it at once, with rotated refresh tokens handed back to the store.
 * Every token request sends the manifest's User-Agent. (The http options never carry a caller's signal: a refresh
 * is shared.)
 */
import { createHash } from "node:crypto";
import { AuthError, ConnectorError, NetworkError, UpstreamError } from "../errors.js";
import type { CredentialRecord } from "../credentials/types.js";
import { BoundedCache } from "./bounded-cache.js";
import { sendHttp, type HttpOptions } from "./http.js";
import type { Coordinator } from "./coordination.js";
import { raceAbort } from "./wait.js";
import { redact } from "./response.js";

interface OAuthSession {
  /** Stable for the lineage: pacing windows are keyed by it, so they survive rotation and differ per user. */
  id: string;
  refreshToken: string;
  accessToken?: string;
  /** Epoch ms; undefined when the server did not say. */
  expiresAt?: number;
  /** When this process obtained the token (0 for one read from the store). */
  obtainedAt: number;
  inflight?: Promise<string>;
  /** Changes the store failed to take; written again on the next call. */
  unsaved?: CredentialRecord;
}

export interface OAuthContext extends TokenEndpoint {
  record: CredentialRecord;
  /** Persists what changed (rotated refresh token, new access token). */
  save(changes: CredentialRecord): Promise<void>;
  /** Reads the record again from the store (with a coordinator: what another process may have refreshed). */
  reload(): Promise<CredentialRecord>;
  /** Shares refreshes with other processes: one refresh per account at a time, under `lockKey`. */
  coordinator?: Coordinator;
  lockKey?: string;
}

/** Refresh this long before the stated expiry, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;

// Keyed by a hash of token URL, client and each refresh token the lineage has had: a stale read of the store
// finds the same session, and two users never share one (their refresh tokens differ).
// Bounded: a session idle for an hour (or the least used, past 10,000) is dropped unless a refresh or a write of its
// tokens is pending; the next call starts again from the store's record.
export const sessions = new BoundedCache<string, OAuthSession>({ max: 10_000, idleMs: 60 * 60_000, busy: (s) => !!s.inflight || !!s.unsaved });

// Token servers reached through different dispatchers (two in-process sandboxes, two proxies) are different servers:
// one's rotated refresh token means nothing to the other.
const dispatcherIds = new WeakMap<object, number>();
let dispatchers = 0;
const dispatcherId = (dispatcher: object | undefined) => {
  if (!dispatcher) return "global";
  if (!dispatcherIds.has(dispatcher)) dispatcherIds.set(dispatcher, ++dispatchers);
  return String(dispatcherIds.get(dispatcher));
};

function tokenKey(ctx: OAuthContext, refreshToken: string): string {
  const { client_id, client_secret } = ctx.record;
  const parts = [ctx.connector, ctx.tokenUrl, dispatcherId(ctx.http.dispatcher), client_id, client_secret, refreshToken];
  return createHash("sha256").update(parts.join("\0")).digest("hex");
}

function sessionFor(ctx: OAuthContext): OAuthSession {
  const key = tokenKey(ctx, ctx.record.refresh_token!);
  let session = sessions.get(key);
  if (!session) {
    const expiresAt = Number(ctx.record.expires_at) || undefined;
    session = { id: key, refreshToken: ctx.record.refresh_token!, accessToken: ctx.record.access_token || undefined, expiresAt, obtainedAt: 0 };
    sessions.set(key, session);
  }
  return session;
}

/** The identity of this credential's lineage (for pacing), the same before and after rotations. */
export function lineageId(ctx: OAuthContext): string {
  return sessionFor(ctx).id;
}

/** A held access token: whether it is still good to send, with margin. */
function isFresh(session: Pick<OAuthSession, "accessToken" | "expiresAt" | "obtainedAt">): boolean {
  if (!session.accessToken) return false;
  if (session.expiresAt === undefined) return true;
  // Short-lived tokens get half their life as margin, so they are not refreshed on every call.
  const margin = session.obtainedAt ? Math.min(EXPIRY_MARGIN_MS, (session.expiresAt - session.obtainedAt) / 2) : EXPIRY_MARGIN_MS;
  return session.expiresAt - margin > Date.now();
}

/**
 * A usable access token. `rejected` is the token the API just refused with 401: a new one is fetched
 * unless another call already replaced it. The caller's signal stops only its own wait, never the shared refresh.
 */
export async function accessToken(ctx: OAuthContext, rejected?: string, signal?: AbortSignal): Promise<string> {
  const session = sessionFor(ctx);
  if (session.unsaved) await saveChanges(ctx, session, session.unsaved);
  if (!session.inflight) {
    const stale = rejected !== undefined && session.accessToken === rejected;
    if (!stale && isFresh(session)) return session.accessToken!;
    const refreshing = ctx.coordinator ? refreshShared(ctx, ctx.coordinator, session, rejected) : refresh(ctx, session);
    session.inflight = refreshing.finally(() => (session.inflight = undefined));
  }
  return signal ? raceAbort(session.inflight, signal) : session.inflight;
}

/**
 * Across processes: under the account's lock, first read the store again; when another process has just refreshed,
 * its token is used (refreshing again would spend a rotated, now invalid refresh token), else this one refreshes.
 */
function refreshShared(ctx: OAuthContext, coordinator: Coordinator, session: OAuthSession, rejected: string | undefined): Promise<string> {
  return coordinator.exclusive(ctx.lockKey ?? session.id, async () => {
    const stored = await ctx.reload();
    if (stored.refresh_token && stored.refresh_token !== session.refreshToken) {
      session.refreshToken = stored.refresh_token;
      sessions.set(tokenKey(ctx, stored.refresh_token), session);
    }
    const held = { accessToken: stored.access_token, expiresAt: Number(stored.expires_at) || undefined, obtainedAt: 0 };
    if (stored.access_token && stored.access_token !== rejected && isFresh(held)) {
      Object.assign(session, held);
      return stored.access_token;
    }
    return refresh(ctx, session);
  });
}

/** Where and how a token request goes: the variant's token endpoint, with the manifest's User-Agent. */
export interface TokenEndpoint {
  connector: string;
  tokenUrl: string;
  userAgent?: string;
  http: Omit<HttpOptions, "signal">;
}

/** One request to a token endpoint (RFC 6749: a form body, a JSON answer); both grants go through it. */
async function tokenRequest(endpoint: TokenEndpoint, form: Record<string, string>, what: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (endpoint.userAgent) headers["user-agent"] = endpoint.userAgent;
  let response;
  try {
    response = await sendHttp({ method: "POST", url: endpoint.tokenUrl, headers, body: new URLSearchParams(form).toString() }, endpoint.http);
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw new NetworkError(`${what} failed`, { cause: error });
  }
  const body = response.body;
  return { status: response.status, body: typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {} };
}

/**
 * The authorization code grant (RFC 6749 4.1.3): the code a user's consent produced, for an access token and a
 * refresh token (expires_at in epoch ms, as the refresh session reads it).
 */
export async function exchangeCode(endpoint: TokenEndpoint, grant: { code: string; redirectUri: string; clientId: string; clientSecret: string }): Promise<CredentialRecord> {
  const { status, body } = await tokenRequest(
    endpoint,
    { grant_type: "authorization_code", code: grant.code, redirect_uri: grant.redirectUri, client_id: grant.clientId, client_secret: grant.clientSecret },
    `exchanging the ${endpoint.connector} authorization code`,
  );
  if (status !== 200 || typeof body.access_token !== "string" || typeof body.refresh_token !== "string") {
    // The provider's own words (invalid_grant: ...), with anything we sent taken out.
    const secrets = [grant.code, grant.clientSecret].filter(Boolean);
    const said = [body.error, body.error_description].filter((s): s is string => typeof s === "string").map((s) => redact(s, secrets)).join(": ");
    throw new UpstreamError(`the token endpoint refused the authorization code (HTTP ${status}${said ? `, ${said}` : ""}); start the OAuth flow again`, { status });
  }
  const record: CredentialRecord = { access_token: body.access_token, refresh_token: body.refresh_token };
  if (typeof body.expires_in === "number") record.expires_at = String(Date.now() + body.expires_in * 1000);
  return record;
}

async function refresh(ctx: OAuthContext, session: OAuthSession): Promise<string> {
  const secrets = [ctx.record.client_secret, session.refreshToken].filter((s): s is string => !!s);
  const form = { grant_type: "refresh_token", refresh_token: session.refreshToken, client_id: ctx.record.client_id ?? "", client_secret: ctx.record.client_secret ?? "" };
  const { status, body } = await tokenRequest(ctx, form, `refreshing the ${ctx.connector} access token`);
  if (status !== 200 || typeof body.access_token !== "string") throw refreshError(ctx.connector, status, body, secrets);

  session.accessToken = body.access_token;
  session.obtainedAt = Date.now();
  session.expiresAt = typeof body.expires_in === "number" ? Date.now() + body.expires_in * 1000 : undefined;
  const changes: CredentialRecord = { access_token: session.accessToken };
  if (session.expiresAt) changes.expires_at = String(session.expiresAt);
  if (typeof body.refresh_token === "string" && body.refresh_token !== session.refreshToken) {
    session.refreshToken = body.refresh_token;
    sessions.set(tokenKey(ctx, body.refresh_token), session);
    changes.refresh_token = body.refresh_token;
  }
  await saveChanges(ctx, session, changes);
  return session.accessToken;
}

/**
 * Hands changes to the store. If it fails, the new tokens are still used and the write is tried again on the
 * next call: failing the call would strand a rotated refresh token that exists nowhere else.
 */
async function saveChanges(ctx: OAuthContext, session: OAuthSession, changes: CredentialRecord): Promise<void> {
  try {
    await ctx.save({ ...session.unsaved, ...changes });
    session.unsaved = undefined;
  } catch {
    session.unsaved = { ...session.unsaved, ...changes };
  }
}

function refreshError(connector: string, status: number, body: Record<string, unknown>, secrets: string[]): ConnectorError {
  const code = typeof body.error === "string" ? redact(body.error, secrets) : undefined;
  const said = typeof body.error_description === "string" ? `: ${redact(body.error_description, secrets)}` : "";
  if (code === "invalid_grant")
    return new AuthError(
      `the ${connector} refresh token was rejected (invalid_grant${said}); the user must re-authorize the application to get a new one`,
      { reason: "revoked", credentials: ["refresh_token"], status },
    );
  if (code === "invalid_client")
    return new AuthError(`the ${connector} OAuth client was rejected (invalid_client${said}); check client_id and client_secret`, {
      reason: "invalid",
      credentials: ["client_id", "client_secret"],
      status,
    });
  // The token endpoint being down says nothing about the credentials: retryable, not an auth failure.
  if (status >= 500) return new UpstreamError(`the ${connector} token endpoint answered HTTP ${status}${code ? ` (${code}${said})` : ""}`, { status });
  return new AuthError(`refreshing the ${connector} access token failed with HTTP ${status}${code ? ` (${code}${said})` : ""}`, {
    reason: "refresh_failed",
    credentials: ["refresh_token"],
    status,
  });
}
