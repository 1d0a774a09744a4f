/** Bearer tokens: the admin token creates workspaces; a workspace token opens everything else, for that workspace only. */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.js";
import { ApiError } from "./errors.js";
import type { Store } from "./store/types.js";
import { hashToken, sameSecret } from "./tokens.js";

function bearer(c: Context): string {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError(401, "E_AUTH", "send Authorization: Bearer <token>");
  return match[1]!;
}

export function workspaceAuth(store: Store): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const workspace = await store.workspaceByTokenHash(hashToken(bearer(c)));
    if (!workspace) throw new ApiError(401, "E_AUTH", "the bearer token is not a workspace token");
    c.set("workspace", workspace);
    await next();
  };
}

export function requireAdmin(c: Context, adminToken: string | undefined): void {
  if (!adminToken) throw new ApiError(403, "E_FORBIDDEN", "creating workspaces is disabled: the server has no CONNECTORS_ADMIN_TOKEN");
  if (!sameSecret(bearer(c), adminToken)) throw new ApiError(401, "E_AUTH", "creating a workspace needs the admin token");
}
