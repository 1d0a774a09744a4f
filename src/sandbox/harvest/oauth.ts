/** The id.getharvest.com host: the OAuth2 token endpoint and the accounts a token can reach (under /api/v2), and the consent page. */
import type { HttpHandler } from "msw";
import { simulatedHost, type Exchange, type Recorder, type Reply } from "../exchange.js";
import { InvalidBodyError, parseBody } from "../http.js";
import { requireToken } from "./auth.js";
import { authorize } from "./authorize.js";
import { SANDBOX_ACCOUNT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "./credentials.js";
import { notFound, oauthError } from "./errors.js";
import { HARVEST_ID } from "./hosts.js";
import type { Store } from "./store.js";
import type { Grant, TokenRegistry } from "./tokens.js";

function tokenRequest(exchange: Exchange): Record<string, string> {
  try {
    const body = parseBody(exchange.rawBody, exchange.headers["content-type"]);
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)]));
  } catch (error) {
    if (error instanceof InvalidBodyError) throw oauthError(400, "invalid_request", error.message);
    throw error;
  }
}

function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (!value) throw oauthError(400, "invalid_request", `The request is missing the required parameter ${name}.`);
  return value;
}

/** POST /oauth2/token: refresh_token and authorization_code grants; refresh tokens rotate on every use. */
function token(exchange: Exchange, tokens: TokenRegistry): Reply {
  const params = tokenRequest(exchange);
  const grantType = required(params, "grant_type");
  if (grantType !== "refresh_token" && grantType !== "authorization_code") {
    throw oauthError(400, "unsupported_grant_type", `The authorization grant type ${grantType} is not supported.`);
  }
  if (params.client_id !== SANDBOX_CLIENT_ID || params.client_secret !== SANDBOX_CLIENT_SECRET) {
    throw oauthError(401, "invalid_client", "Client authentication failed: unknown client_id or wrong client_secret.");
  }
  let grant: Grant | undefined;
  if (grantType === "refresh_token") {
    grant = tokens.refresh(required(params, "refresh_token"));
    if (!grant) {
      throw oauthError(400, "invalid_grant", "The refresh token is invalid, expired, revoked, or was already used (each refresh returns a new refresh token to store).");
    }
  } else {
    grant = tokens.redeemCode(required(params, "code"), params.redirect_uri);
    if (!grant) throw oauthError(400, "invalid_grant", "The authorization code is invalid, expired, already used, or was issued for another redirect_uri.");
  }
  return { status: 200, body: grant };
}

/** GET /accounts: who the token belongs to and which accounts it can act on. */
function accounts(exchange: Exchange, tokens: TokenRegistry, store: Store): Reply {
  requireToken(exchange.headers, tokens);
  const { id, first_name, last_name, email } = store.me;
  return {
    status: 200,
    body: { user: { id, first_name, last_name, email }, accounts: [{ id: Number(SANDBOX_ACCOUNT_ID), name: store.company.name, product: "harvest" }] },
  };
}

/** id.getharvest.com as msw handlers: the token endpoint, the accounts, the consent page, and 404 elsewhere below them. */
export function identityHandlers(tokens: TokenRegistry, store: () => Store, record: Recorder): HttpHandler[] {
  const api = simulatedHost(`${HARVEST_ID}/api/v2`, record);
  const consent = simulatedHost(`${HARVEST_ID}/oauth2`, record);
  const elsewhere = () => {
    throw notFound();
  };
  return [
    api.route("POST", "/oauth2/token", (exchange) => token(exchange, tokens)),
    api.route("GET", "/accounts", (exchange) => accounts(exchange, tokens, store())),
    api.otherPaths(elsewhere),
    consent.route("GET", "/authorize", (exchange) => authorize(exchange, tokens)),
    consent.otherPaths(elsewhere),
  ];
}
