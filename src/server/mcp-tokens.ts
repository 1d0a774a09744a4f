/**
 * The hosted API's store as the MCP server's TokenResolver (`connectors mcp --transport http --database ...`):
 * an MCP token (POST /api/v1/mcp-tokens) names one user of one workspace, and gets, per connector type, that user's
 * connected account of that type in that workspace, with its scopes and read_only.
 *
 * Which account, when a user has several of one type: among the active ones, the one whose `account` is "default",
 * else the oldest. A type whose accounts are all revoked or pending gets a store that yields nothing, so its calls
 * fail with an auth error (never falling back to anything else). Resolved on every request: a revoked token or
 * account stops working at once.
 */
import type { CredentialStore } from "../credentials/types.js";
import type { McpUser, TokenResolver } from "../mcp/types.js";
import type { Scope } from "../agent/scope.js";
import { accountCredentialStore } from "./account-credentials.js";
import type { ConnectedAccount, Store } from "./store/types.js";
import { hashToken } from "./tokens.js";
import type { Vault } from "./vault.js";

const NOTHING: CredentialStore = { get: () => undefined };

export function storeTokenResolver(store: Store, vault: Vault): TokenResolver {
  return {
    async resolveToken(token) {
      const owner = await store.mcpTokenByHash(hashToken(token));
      if (!owner) return undefined;
      // Oldest first: the store's order.
      const accounts = await store.listAccounts(owner.workspace_id, { user_id: owner.user_id });
      const user: McpUser & { scopes: Record<string, Scope> } = { credentials: {}, scopes: {} };
      for (const type of new Set(accounts.map((a) => a.connector_type))) {
        const chosen = chooseAccount(accounts.filter((a) => a.connector_type === type && a.status === "active"));
        user.credentials[type] = chosen ? accountCredentialStore(store, vault, chosen) : NOTHING;
        if (chosen) user.scopes[type] = { allow: chosen.scopes ?? undefined, readOnly: chosen.read_only };
      }
      return user;
    },
  };
}

function chooseAccount(active: ConnectedAccount[]): ConnectedAccount | undefined {
  return active.find((a) => a.account === "default") ?? active[0];
}
