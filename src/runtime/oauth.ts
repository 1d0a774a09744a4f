/**
 * OAuth2 refresh-token sessions: one access token per refresh-token lineage, refreshed by ONE
 * request however many calls need it at once, with rotated refresh tokens handed back to the store.
 */
import { createHash } from "node:crypto";
import { AuthError, ConnectorError, NetworkError } from "../errors.js";
import type { CredentialRecord } from "../credentials/types.js";
import { sendHttp, type HttpOptions } from "./http.js";

interface OAuthSession {
  refreshToken: string;
  accessToken?: string;
  /** Epoch ms; undefined when the server did not say. */
  expiresAt?: number;
  /** When this process obtained the token (0 for one read from the store). */
  obtainedAt: number;
  inflight?: Promise<string>;
}

export interface OAuthContext {
  connector: string;
  tokenUrl: string;
  userAgent?: string;
  record: CredentialRecord;
  http: HttpOptions;
  /** Persists what changed (rotated refresh token, new access token). */
  save(changes: CredentialRecord): Promise<void>;
}

/** Refresh this long before the stated expiry, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;

// Keyed by a hash of token URL, client and each refresh token the lineage has had, so a stale read of the store finds the same session
// and two users never share one (their refresh tokens differ).
const sessions = new Map<string, OAuthSession>();

function tokenKey(ctx: OAuthContext, refreshToken: string): string {
  return createHash("sha256").update([ctx.connector, ctx.tokenUrl, ctx.record.client_id, refreshToken].join("\0")).digest("hex");
}

function sessionFor(ctx: OAuthContext): OAuthSession {
  const key = tokenKey(ctx, ctx.record.refresh_token!);
  let session = sessions.get(key);
  if (!session) {
    const expiresAt = Number(ctx.record.expires_at) || undefined;
    session = { refreshToken: ctx.record.refresh_token!, accessToken: ctx.record.access_token || undefined, expiresAt, obtainedAt: 0 };
    sessions.set(key, session);
  }
  return session;
}

function isFresh(session: OAuthSession): boolean {
  if (!session.accessToken) return false;
  if (session.expiresAt === undefined) return true;
  // Short-lived tokens get half their life as margin, so they are not refreshed on every call.
  const margin = session.obtainedAt ? Math.min(EXPIRY_MARGIN_MS, (session.expiresAt - session.obtainedAt) / 2) : EXPIRY_MARGIN_MS;
  return session.expiresAt - margin > Date.now();
}

/**
 * A usable access token. `rejected` is the token the API just refused with 401: a new one is fetched
 * unless another call already replaced it.
 */
export async function accessToken(ctx: OAuthContext, rejected?: string): Promise<string> {
  const session = sessionFor(ctx);
  if (session.inflight) return session.inflight;
  const stale = rejected !== undefined && session.accessToken === rejected;
  if (!stale && isFresh(session)) return session.accessToken!;
  session.inflight = refresh(ctx, session).finally(() => (session.inflight = undefined));
  return session.inflight;
}

async function refresh(ctx: OAuthContext, session: OAuthSession): Promise<string> {
  try {
    return await exchangeRefreshToken(ctx, session);
  } catch (error) {
    // The store may hold a newer refresh token than this session (another process rotated it, or the user re-authorized).
    const stored = ctx.record.refresh_token;
    if (!(error instanceof AuthError && error.reason === "revoked") || !stored || stored === session.refreshToken) throw error;
    session.refreshToken = stored;
    return exchangeRefreshToken(ctx, session);
  }
}

async function exchangeRefreshToken(ctx: OAuthContext, session: OAuthSession): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: session.refreshToken,
    client_id: ctx.record.client_id ?? "",
    client_secret: ctx.record.client_secret ?? "",
  });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (ctx.userAgent) headers["user-agent"] = ctx.userAgent;
  let response;
  try {
    response = await sendHttp({ method: "POST", url: ctx.tokenUrl, headers, body: form.toString() }, ctx.http);
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw new NetworkError(`refreshing the ${ctx.connector} access token failed`, { cause: error });
  }
  const body = (response.body ?? {}) as Record<string, unknown>;
  if (response.status !== 200 || typeof body.access_token !== "string") throw refreshError(ctx.connector, response.status, body);

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
  await ctx.save(changes);
  return session.accessToken;
}

function refreshError(connector: string, status: number, body: Record<string, unknown>): AuthError {
  const code = typeof body.error === "string" ? body.error : undefined;
  const said = typeof body.error_description === "string" ? `: ${body.error_description}` : "";
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
  return new AuthError(`refreshing the ${connector} access token failed with HTTP ${status}${code ? ` (${code}${said})` : ""}`, {
    reason: "refresh_failed",
    credentials: ["refresh_token"],
    status,
  });
}
