/** The sandbox's fixed, documented credentials: they only ever work against the sandbox. */
import type { SandboxAccount } from "../types.js";

export const SANDBOX_ACCOUNT_ID = "1234567";
export const SANDBOX_PERSONAL_ACCESS_TOKEN = "sandbox-harvest-token";
export const SANDBOX_CLIENT_ID = "sandbox-harvest-client-id";
export const SANDBOX_CLIENT_SECRET = "sandbox-harvest-client-secret";
/** Valid until first used: refreshing rotates it (and reset() restores it). */
export const SANDBOX_REFRESH_TOKEN = "sandbox-harvest-refresh-token";
/** A personal access token of a member (Jonas Weber), not an administrator: for what only administrators may do. */
export const SANDBOX_MEMBER_TOKEN = "sandbox-harvest-member-token";

/** The member's personal_access_token credentials. */
export const SANDBOX_MEMBER_CREDENTIALS = { token: SANDBOX_MEMBER_TOKEN, account_id: SANDBOX_ACCOUNT_ID } as const;

/** The member as a named account (`--account member`), beside the administrator the default credentials act as. */
export function sandboxAccounts(): Record<string, SandboxAccount> {
  return { member: { description: "a member (Jonas Weber), not an administrator", variant: "personal_access_token", credentials: { ...SANDBOX_MEMBER_CREDENTIALS } } };
}

export type HarvestCredentials = {
  personal_access_token: { token: string; account_id: string };
  oauth2: { client_id: string; client_secret: string; refresh_token: string; account_id: string };
};

export function sandboxCredentials(): HarvestCredentials {
  return {
    personal_access_token: { token: SANDBOX_PERSONAL_ACCESS_TOKEN, account_id: SANDBOX_ACCOUNT_ID },
    oauth2: {
      client_id: SANDBOX_CLIENT_ID,
      client_secret: SANDBOX_CLIENT_SECRET,
      refresh_token: SANDBOX_REFRESH_TOKEN,
      account_id: SANDBOX_ACCOUNT_ID,
    },
  };
}
