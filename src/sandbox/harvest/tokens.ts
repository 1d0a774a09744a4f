/**
 * Who may call the sandbox: the fixed personal access token, and OAuth access tokens issued by the
 * token endpoint. Refresh tokens rotate on every use, authorization codes work once.
 */
import { randomBytes } from "node:crypto";
import { SANDBOX_MEMBER_TOKEN, SANDBOX_PERSONAL_ACCESS_TOKEN, SANDBOX_REFRESH_TOKEN } from "./credentials.js";

const CODE_TTL_MS = 10 * 60_000;

export interface Grant {
  access_token: string;
  refresh_token: string;
  token_type: "bearer";
  expires_in: number;
}

const mint = (prefix: string) => `${prefix}-${randomBytes(24).toString("hex")}`;

export class TokenRegistry {
  /** Access token -> expiry (epoch ms). */
  private readonly accessTokens = new Map<string, number>();
  private readonly refreshTokens = new Set<string>();
  /** Authorization code -> the redirect_uri it was issued for (if any) and its expiry. */
  private readonly codes = new Map<string, { redirectUri?: string; expiresAt: number }>();

  constructor(private readonly accessTokenTtlSeconds: number) {
    this.reset();
  }

  reset(): void {
    this.accessTokens.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.refreshTokens.add(SANDBOX_REFRESH_TOKEN);
  }

  isValidAccessToken(token: string): boolean {
    if (token === SANDBOX_PERSONAL_ACCESS_TOKEN || token === SANDBOX_MEMBER_TOKEN) return true;
    return (this.accessTokens.get(token) ?? 0) > Date.now();
  }

  /** Exchanges a refresh token for new tokens; the old refresh token stops working. */
  refresh(refreshToken: string): Grant | undefined {
    if (!this.refreshTokens.delete(refreshToken)) return undefined;
    return this.grant();
  }

  issueCode(redirectUri?: string): string {
    const code = mint("sandbox-code");
    this.codes.set(code, { redirectUri, expiresAt: Date.now() + CODE_TTL_MS });
    return code;
  }

  /** Redeems an authorization code once; a redirect_uri given at issue time must match. */
  redeemCode(code: string, redirectUri: string | undefined): Grant | undefined {
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (!issued || issued.expiresAt < Date.now()) return undefined;
    if (issued.redirectUri !== undefined && issued.redirectUri !== redirectUri) return undefined;
    return this.grant();
  }

  /** A refresh token of a new lineage, as if another user had authorized the client. */
  issueRefreshToken(): string {
    const token = mint("sandbox-refresh");
    this.refreshTokens.add(token);
    return token;
  }

  revokeRefreshToken(token: string): void {
    this.refreshTokens.delete(token);
  }

  /** Every OAuth access token issued so far now answers 401 (the personal access token does not expire). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.keys()) this.accessTokens.set(token, 0);
  }

  private grant(): Grant {
    const access_token = mint("sandbox-access");
    const refresh_token = mint("sandbox-refresh");
    this.accessTokens.set(access_token, Date.now() + this.accessTokenTtlSeconds * 1000);
    this.refreshTokens.add(refresh_token);
    return { access_token, refresh_token, token_type: "bearer", expires_in: this.accessTokenTtlSeconds };
  }
}
