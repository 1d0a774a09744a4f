/** Whose credentials an MCP call runs with, and how a bearer token finds them: the seam a hosted token store plugs into. */
import type { ConnectOptions } from "../runtime/connector.js";

/**
 * How one user reaches one connector: the runtime's connect() options for their calls (credentials, scope, audit,
 * pacing keys), and what to tell their model when those credentials are missing or refused.
 */
export interface McpConnection extends ConnectOptions {
  credentialAdvice?: string;
}

/**
 * One user's connectors, by name. A connector missing here is not listed to this user: nothing in it is in their
 * scope. (A type, not an interface: FastMCP keeps it as a session's auth, which must be a plain record type.)
 */
export type McpUser = {
  connectors: Record<string, McpConnection>;
};

/** Maps the bearer token of an HTTP request to its user; undefined for a token it does not know (the request gets 401). */
export interface TokenResolver {
  resolveToken(token: string): Promise<McpUser | undefined> | McpUser | undefined;
}
