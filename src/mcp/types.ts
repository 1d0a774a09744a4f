/** Whose credentials an MCP call runs with, and how a bearer token finds them: the seam a hosted token store plugs into. */
import type { Scope } from "../agent/scope.js";
import type { CredentialStore } from "../credentials/types.js";

/**
 * One user's connected accounts, per connector name. A connector missing here has no credentials for this user: its
 * calls fail with an auth error naming what is missing, and never fall back to the server's own environment.
 * (A type, not an interface: FastMCP keeps it as a session's auth, which must be a plain record type.)
 */
export type McpUser = {
  credentials: Record<string, CredentialStore>;
  /**
   * Per connector name, what this user's account may do (a hosted connected account's scopes and read_only), on top
   * of the server's own --read-only: the tool refuses anything else before sending. Missing: every action.
   */
  scopes?: Record<string, Scope>;
};

/** Maps the bearer token of an HTTP request to its user; undefined for a token it does not know (the request gets 401). */
export interface TokenResolver {
  resolveToken(token: string): Promise<McpUser | undefined> | McpUser | undefined;
}
