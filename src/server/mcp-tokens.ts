/**
 * The hosted API's store as the source of MCP users (`connectors mcp --transport http --database ...`): an MCP token
 * (POST /api/v1/mcp-tokens) names one user of one workspace, and gets, per connector type, that user's connected
 * account of that type as a connection: its credentials, its scopes and read_only, its audit rows, and advice that
 * speaks to a hosted user (reconnect the account) rather than of environment variables.
 *
 * Which account, when a user has several of one type: an active one whose `account` is "default", else the oldest
 * active one, else the newest (pending or revoked, so its calls say so). Resolved on every request: a revoked token or
 * account stops working at once.
 */
import type { ConnectOptions } from "../runtime/connector.js";
import { accountConnection, RECONNECT_ADVICE } from "./account-connection.js";
import type { Services } from "./app-env.js";
import type { ConnectedAccount } from "./store/types.js";
import { hashToken } from "./tokens.js";

/** A hosted user's connections, by connector name (the shape the MCP face's TokenResolver gives). */
export interface HostedUser {
  connectors: Record<string, ConnectOptions & { credentialAdvice: string }>;
}

export function storeTokenResolver(services: Services): { resolveToken(token: string): Promise<HostedUser | undefined> } {
  const { store } = services;
  return {
    async resolveToken(token) {
      const owner = await store.mcpTokenByHash(hashToken(token));
      if (!owner) return undefined;
      // Oldest first: the store's order.
      const accounts = await store.listAccounts(owner.workspace_id, { user_id: owner.user_id });
      const user: HostedUser = { connectors: {} };
      for (const type of new Set(accounts.map((a) => a.connector_type))) {
        const chosen = chooseAccount(accounts.filter((a) => a.connector_type === type));
        user.connectors[type] = { ...accountConnection(services, chosen), credentialAdvice: RECONNECT_ADVICE };
      }
      return user;
    },
  };
}

function chooseAccount(ofType: ConnectedAccount[]): ConnectedAccount {
  const active = ofType.filter((a) => a.status === "active");
  return active.find((a) => a.account === "default") ?? active[0] ?? ofType[ofType.length - 1]!;
}
