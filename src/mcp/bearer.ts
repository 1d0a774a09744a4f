/** HTTP authentication: the request's `Authorization: Bearer <token>`, resolved to its user; anything else gets 401. */
import type { IncomingMessage } from "node:http";
import type { McpUser, TokenResolver } from "./types.js";

export function bearerAuthenticator(tokens: TokenResolver): (request: IncomingMessage | undefined) => Promise<McpUser | undefined> {
  return async (request) => {
    const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request?.headers.authorization ?? "")?.[1];
    // Undefined, never a thrown error: the transport then answers 401 without logging anything about the request.
    return token === undefined ? undefined : await tokens.resolveToken(token);
  };
}
