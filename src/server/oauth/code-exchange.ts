/** The authorization code grant (RFC 6749 4.1.3): the code for an access token and a refresh token. */
import type { CredentialRecord } from "../../credentials/types.js";
import { sendHttp } from "../../runtime/http.js";
import type { UpstreamOptions } from "../config.js";
import { ApiError } from "../errors.js";

const DEFAULT_TIMEOUT_MS = 30_000;

export interface CodeExchange {
  tokenUrl: string;
  code: string;
  redirectUri: string;
  clientId: string;
  clientSecret: string;
  upstream?: UpstreamOptions;
}

/** The fields the runtime's OAuth session reads: access_token, refresh_token and expires_at (epoch ms). */
export async function exchangeCode(exchange: CodeExchange): Promise<CredentialRecord> {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
    client_id: exchange.clientId,
    client_secret: exchange.clientSecret,
  });
  const response = await sendHttp(
    {
      method: "POST",
      url: exchange.tokenUrl,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
    },
    { timeoutMs: exchange.upstream?.timeout ?? DEFAULT_TIMEOUT_MS, dispatcher: exchange.upstream?.dispatcher },
  );
  const body = (response.body ?? {}) as Record<string, unknown>;
  if (response.status !== 200 || typeof body.access_token !== "string" || typeof body.refresh_token !== "string") {
    // The provider's own words (invalid_grant: ...) carry no secret of ours; they tell the user what to do.
    const said = [body.error, body.error_description].filter((s) => typeof s === "string").join(": ");
    throw new ApiError(502, "E_UPSTREAM", `the token endpoint refused the authorization code (HTTP ${response.status}${said ? `, ${said}` : ""}); start the OAuth flow again`);
  }
  const record: CredentialRecord = { access_token: body.access_token, refresh_token: body.refresh_token };
  // Real time, not the server's injectable clock: the runtime compares it with Date.now().
  if (typeof body.expires_in === "number") record.expires_at = String(Date.now() + body.expires_in * 1000);
  return record;
}
