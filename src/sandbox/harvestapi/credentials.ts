/** The sandbox's fixed, documented credentials: they only ever work against the sandbox. */

/** Sent as the X-API-Key header. */
export const SANDBOX_API_KEY = "sandbox-harvestapi-key";
/** The LinkedIn session cookie of the sandbox's own LinkedIn account, sent as the `cookie` query parameter. */
export const SANDBOX_LI_AT = "sandbox-li-at-cookie";
/** The Apify API token, sent as the `token` query parameter (or Authorization: Bearer) to the Apify host. */
export const SANDBOX_APIFY_TOKEN = "sandbox-apify-token";

export interface HarvestApiCredentials {
  api_key: string;
  li_at: string;
  apify_token: string;
}

export function sandboxCredentials(): HarvestApiCredentials {
  return { api_key: SANDBOX_API_KEY, li_at: SANDBOX_LI_AT, apify_token: SANDBOX_APIFY_TOKEN };
}
