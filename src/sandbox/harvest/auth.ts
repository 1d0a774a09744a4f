/** Harvest's request preconditions: a User-Agent, a valid bearer token, and the account id header. */
import { bearerToken } from "../http.js";
import { SANDBOX_ACCOUNT_ID, SANDBOX_MEMBER_TOKEN } from "./credentials.js";
import { badRequest, invalidToken } from "./errors.js";
import type { Store } from "./store.js";
import type { TokenRegistry } from "./tokens.js";

export function requireUserAgent(headers: Record<string, string>): void {
  if ((headers["user-agent"] ?? "").trim() === "") {
    throw badRequest('Missing User-Agent header. Harvest requires one naming your application and a link or email, e.g. "MyApp (me@example.com)".');
  }
}

/** The valid bearer token of the request (401 otherwise). */
export function requireToken(headers: Record<string, string>, tokens: TokenRegistry): string {
  const token = bearerToken(headers);
  if (!token || !tokens.isValidAccessToken(token)) throw invalidToken();
  return token;
}

/** The token of a request allowed on the API host: a valid token and this account's Harvest-Account-Id. */
export function authenticate(headers: Record<string, string>, tokens: TokenRegistry): string {
  const token = requireToken(headers, tokens);
  const account = headers["harvest-account-id"];
  if (!account) {
    throw invalidToken("The Harvest-Account-Id header is missing: send the id of the account to act on (GET https://id.getharvest.com/api/v2/accounts lists them).");
  }
  if (account.trim() !== SANDBOX_ACCOUNT_ID) throw invalidToken(`The access token is not valid for account ${account} (Harvest-Account-Id).`);
  return token;
}

/** The user a valid token acts as: the member for the member token, the administrator for every other. */
export function callerOf(token: string, store: Store): number {
  return token === SANDBOX_MEMBER_TOKEN ? store.memberId : store.meId;
}
