/** A failed connection test or OAuth step in words an end user can act on (runtime errors carry no secrets); anything else is logged. */
import { ConnectorError, type ErrorCode } from "../../errors.js";

const HEADLINES: Partial<Record<ErrorCode, (title: string) => string>> = {
  E_AUTH: (title) => `${title} did not accept these credentials. Check them and try again.`,
  E_FORBIDDEN: (title) => `${title} accepted the credentials, but they are not allowed to read the account.`,
  E_NETWORK: (title) => `${title} could not be reached just now. Try again in a moment.`,
  E_TIMEOUT: (title) => `${title} took too long to answer. Try again in a moment.`,
  E_RATE_LIMIT: (title) => `${title} asked us to slow down. Wait a minute and try again.`,
  E_UPSTREAM: (title) => `${title} answered with an error. Try again later.`,
  E_UPSTREAM_BODY: (title) => `${title} answered with something we could not read. Try again later.`,
  E_CREDITS: (title) => `The ${title} account has no credits left. Top it up and try again.`,
  E_OAUTH_DENIED: (title) => `${title} did not authorize the connection.`,
  E_OAUTH_STATE: () => "The authorization took too long or was already used. Start it again.",
};

/** Codes whose own message helps the user (what the upstream said, which field is missing). */
const WITH_DETAILS = new Set<ErrorCode>(["E_AUTH", "E_FORBIDDEN", "E_UPSTREAM", "E_VALIDATION", "E_OAUTH_DENIED"]);

export function plainWords(error: unknown, title: string): string {
  if (!(error instanceof ConnectorError)) {
    // Not the user's doing: the operator needs to see it (as the API's own 500s are logged).
    console.error(error);
    return "Something went wrong on our side. Nothing was saved; try again later.";
  }
  const code: ErrorCode = error.code;
  const headline = HEADLINES[code]?.(title) ?? "The connection could not be made.";
  const details = WITH_DETAILS.has(code) ? ` Details: ${error.message}` : "";
  return `${headline} Nothing was saved.${details}`;
}
