/** Workspace tokens: 256 random bits shown once; only a SHA-256 is stored (enough for tokens this random). */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

export const newToken = () => `cws_${randomBytes(32).toString("base64url")}`;
/** A user's MCP bearer token: as random, stored the same way, told apart from a workspace token by its prefix. */
export const newMcpToken = () => `cmcp_${randomBytes(32).toString("base64url")}`;
/** A connect link's secret part and a connect page's browser cookie: as random, stored only as hashes. */
export const newConnectLink = () => `ccl_${randomBytes(32).toString("base64url")}`;
export const newBrowserSecret = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "")}`;

/** Constant-time comparison of two secrets of any length (through their hashes). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(a), "hex"), Buffer.from(hashToken(b), "hex"));
}

/** An OAuth state: as random as a token; only its hash is stored, so a database read cannot complete a flow. */
export const newOAuthState = () => randomBytes(32).toString("base64url");
