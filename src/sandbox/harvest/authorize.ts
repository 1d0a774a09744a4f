/**
 * The id.getharvest.com/oauth2 consent page, auto-approving: GET /authorize answers 302 to the redirect_uri with a
 * single-use code (redeemable at the token endpoint for that redirect_uri) and the caller's state.
 */
import type { Exchange, Reply } from "../exchange.js";
import { SANDBOX_CLIENT_ID } from "./credentials.js";
import { oauthError } from "./errors.js";
import type { TokenRegistry } from "./tokens.js";

export function authorize(exchange: Exchange, tokens: TokenRegistry): Reply {
  const { client_id, response_type, redirect_uri, state } = exchange.query;
  if (client_id !== SANDBOX_CLIENT_ID) throw oauthError(400, "invalid_client", "Unknown client_id.");
  if (response_type !== "code") throw oauthError(400, "unsupported_response_type", "response_type must be code.");
  if (!redirect_uri) throw oauthError(400, "invalid_request", "The request is missing the required parameter redirect_uri.");
  const location = new URL(redirect_uri);
  location.searchParams.set("code", tokens.issueCode(redirect_uri));
  if (state !== undefined) location.searchParams.set("state", state);
  return { status: 302, headers: { Location: location.toString() } };
}
