/**
 * /console: the workspace owner's pages. Signing in exchanges the workspace token for an HttpOnly, SameSite=Strict
 * session cookie (the token itself is never kept or shown); every form carries a CSRF token bound to that session.
 */
import { Hono, type Context, type Next } from "hono";
import type { AppEnv, Services } from "../app-env.js";
import { createConnectLink } from "../connect-links.js";
import { ApiError, notFound } from "../errors.js";
import { publicAccount } from "../routes/connectors.js";
import { hashToken, newBrowserSecret } from "../tokens.js";
import { auditExport, auditFilters, auditPageData } from "./console-audit.js";
import { accountsPage, auditPage, signInPage, usagePage } from "./console-view.js";
import { clearSessionCookie, formFields, pageError, securityHeaders, sessionCookie, setSessionCookie } from "./html.js";
import { usageData } from "./usage.js";

const SESSION_COOKIE = "console_session";
/** Before signing in: the sign-in form's own CSRF secret (against signing someone into another workspace). */
const SIGN_IN_COOKIE = "console_sign_in";
const PATH = "/console";
export const DEFAULT_CONSOLE_SESSION_TTL_SECONDS = 8 * 60 * 60;

type ConsoleEnv = { Variables: AppEnv["Variables"] & { secret: string } };

export function consolePageRoutes(services: Services): Hono<AppEnv> {
  const { store, config } = services;
  const clock = config.now ?? (() => new Date());
  const app = new Hono<ConsoleEnv>();
  app.onError((error, c) => pageError(c, error));
  app.use("*", async (c, next) => {
    securityHeaders(c);
    await next();
  });

  const signInForm = (c: Context, error?: string) => {
    const secret = newBrowserSecret();
    setSessionCookie(c, SIGN_IN_COOKIE, secret, { path: PATH, sameSite: "Strict", maxAgeSeconds: 3600 });
    return c.html(signInPage(secret, error), error ? 401 : 200);
  };

  app.get("/sign-in", (c) => signInForm(c));

  app.post("/sign-in", async (c) => {
    const fields = await formFields(c, sessionCookie(c, SIGN_IN_COOKIE) ?? newBrowserSecret());
    const workspace = fields.token ? await store.workspaceByTokenHash(hashToken(fields.token.trim())) : undefined;
    if (!workspace) return signInForm(c, "That is not a workspace token. Paste the token you got when the workspace was created.");
    const secret = newBrowserSecret();
    const ttl = config.consoleSessionTtlSeconds ?? DEFAULT_CONSOLE_SESSION_TTL_SECONDS;
    await store.insertConsoleSession(hashToken(secret), workspace.id, new Date(clock().getTime() + ttl * 1000).toISOString());
    clearSessionCookie(c, SIGN_IN_COOKIE, PATH);
    setSessionCookie(c, SESSION_COOKIE, secret, { path: PATH, sameSite: "Strict", maxAgeSeconds: ttl });
    return c.redirect(PATH, 303);
  });

  // Every other page needs a live session: a page view without one goes to the sign-in form, a form post is refused.
  app.use("*", async (c: Context<ConsoleEnv>, next: Next) => {
    const secret = sessionCookie(c, SESSION_COOKIE);
    const session = secret ? await store.consoleSession(hashToken(secret)) : undefined;
    if (!secret || !session || session.expires_at <= clock().toISOString()) {
      if (c.req.method === "GET") return c.redirect(`${PATH}/sign-in`, 303);
      throw new ApiError(401, "E_AUTH", "your console session ended; sign in again");
    }
    c.set("workspace", session.workspace);
    c.set("secret", secret);
    await next();
  });

  const accounts = async (c: Context<ConsoleEnv>, notice?: { link?: { url: string; expires_at: string; user_id: string }; message?: string }) => {
    const workspace = c.get("workspace");
    const [list, lastCalls] = await Promise.all([store.listAccounts(workspace.id, {}), store.lastCalls(workspace.id)]);
    return c.html(accountsPage({ workspace, secret: c.get("secret"), accounts: list.map(publicAccount), lastCalls, ...notice }));
  };

  app.get("/", (c) => accounts(c));

  app.post("/sign-out", async (c) => {
    await formFields(c, c.get("secret"));
    await store.deleteConsoleSession(hashToken(c.get("secret")));
    clearSessionCookie(c, SESSION_COOKIE, PATH);
    return c.redirect(`${PATH}/sign-in`, 303);
  });

  const account = async (c: Context<ConsoleEnv>) => {
    await formFields(c, c.get("secret"));
    const found = await store.getAccount(c.get("workspace").id, c.req.param("id")!);
    if (!found) throw notFound(`connector ${c.req.param("id")}`);
    return found;
  };

  app.post("/accounts/:id/revoke", async (c) => {
    const found = await account(c);
    // As DELETE .../connectors/:id: the credential destroyed, the row (and its audit trail) kept.
    await store.updateAccount(found.workspace_id, found.id, { status: "revoked", credentials: null }, clock().toISOString());
    return accounts(c, { message: `${found.name} (${found.connector_type}, user ${found.user_id}) was revoked; its next call is refused.` });
  });

  app.post("/accounts/:id/connect-link", async (c) => {
    const found = await account(c);
    const reconnect = found.status === "revoked" ? {} : { connector_id: found.id };
    const link = await createConnectLink(
      services,
      found.workspace_id,
      { user_id: found.user_id, connectors: [found.connector_type], scopes: found.scopes ?? undefined, read_only: found.read_only, ...reconnect },
      c.req.url,
    );
    return accounts(c, { link: { ...link, user_id: found.user_id } });
  });

  app.get("/audit", async (c) => {
    const filters = auditFilters(c.req.query());
    return c.html(auditPage({ workspace: c.get("workspace"), secret: c.get("secret"), ...(await auditPageData(store, c.get("workspace").id, filters)) }));
  });

  app.get("/audit.ndjson", (c) => auditExport(c, store, c.get("workspace").id, auditFilters(c.req.query())));

  app.get("/usage", async (c) => {
    const workspace = c.get("workspace");
    return c.html(usagePage({ workspace, secret: c.get("secret"), ...(await usageData(store, workspace.id, clock())) }));
  });

  return app as unknown as Hono<AppEnv>;
}
