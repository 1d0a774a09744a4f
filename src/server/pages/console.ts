/**
 * /console: the workspace owner's pages. Signing in exchanges the workspace token for an HttpOnly, SameSite=Strict
 * session cookie (the token itself is never kept or shown); every form carries a CSRF token bound to that session.
 */
import { Hono, type Context, type Next } from "hono";
import type { AppEnv, Services } from "../app-env.js";
import { createConnectLink } from "../connect-links.js";
import { ApiError, notFound } from "../errors.js";
import { manifestFor } from "../account-input.js";
import { publicAccount } from "../routes/connectors.js";
import { hashToken, newBrowserSecret } from "../tokens.js";
import { auditExport, auditFilters, auditPageData } from "./console-audit.js";
import { accountsPage, auditPage, signInPage, usagePage, type AccountsView } from "./console-view.js";
import { clearSessionCookie, formFields, pageError, securityHeaders, sessionCookie, setSessionCookie } from "./html.js";
import { usageData } from "./usage.js";

const SESSION_COOKIE = "console_session";
/** Before signing in: the sign-in form's own CSRF secret (against signing someone into another workspace). */
const SIGN_IN_COOKIE = "console_sign_in";
const PATH = "/console";
export const DEFAULT_CONSOLE_SESSION_TTL_SECONDS = 8 * 60 * 60;

type ConsoleEnv = { Variables: AppEnv["Variables"] & { secret: string } };
type ConsoleApp = Hono<ConsoleEnv>;

const clockOf = (services: Services) => services.config.now ?? (() => new Date());

export function consolePageRoutes(services: Services): Hono<AppEnv> {
  const app: ConsoleApp = new Hono<ConsoleEnv>();
  app.onError((error, c) => pageError(c, error));
  app.use("*", async (c, next) => {
    securityHeaders(c);
    await next();
  });
  signInRoutes(app, services);
  app.use("*", requireSession(services));
  accountRoutes(app, services);
  activityRoutes(app, services);
  return app as unknown as Hono<AppEnv>;
}

function signInRoutes(app: ConsoleApp, services: Services): void {
  const { store, config } = services;
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
    await store.insertConsoleSession(hashToken(secret), workspace.id, new Date(clockOf(services)().getTime() + ttl * 1000).toISOString());
    clearSessionCookie(c, SIGN_IN_COOKIE, PATH);
    setSessionCookie(c, SESSION_COOKIE, secret, { path: PATH, sameSite: "Strict", maxAgeSeconds: ttl });
    return c.redirect(PATH, 303);
  });
}

/** Every other page needs a live session: a page view without one goes to the sign-in form, a form post is refused. */
function requireSession(services: Services) {
  return async (c: Context<ConsoleEnv>, next: Next) => {
    const secret = sessionCookie(c, SESSION_COOKIE);
    const session = secret ? await services.store.consoleSession(hashToken(secret)) : undefined;
    if (!secret || !session || session.expires_at <= clockOf(services)().toISOString()) {
      if (c.req.method === "GET") return c.redirect(`${PATH}/sign-in`, 303);
      throw new ApiError(401, "E_AUTH", "your console session ended; sign in again");
    }
    c.set("workspace", session.workspace);
    c.set("secret", secret);
    await next();
  };
}

function accountRoutes(app: ConsoleApp, services: Services): void {
  const { store } = services;
  const accounts = async (c: Context<ConsoleEnv>, notice: Pick<AccountsView, "link" | "message"> = {}) => {
    const workspace = c.get("workspace");
    const [list, lastCalls] = await Promise.all([store.listAccounts(workspace.id, {}), store.lastCalls(workspace.id)]);
    return c.html(accountsPage({ workspace, secret: c.get("secret"), accounts: list.map(publicAccount), lastCalls, ...notice }));
  };
  /** The account a form acts on, once its CSRF token is checked. */
  const account = async (c: Context<ConsoleEnv>) => {
    await formFields(c, c.get("secret"));
    const found = await store.getAccount(c.get("workspace").id, c.req.param("id")!);
    if (!found) throw notFound(`connector ${c.req.param("id")}`);
    return found;
  };

  app.get("/", (c) => accounts(c));
  app.post("/sign-out", async (c) => {
    await formFields(c, c.get("secret"));
    await store.deleteConsoleSession(hashToken(c.get("secret")));
    clearSessionCookie(c, SESSION_COOKIE, PATH);
    return c.redirect(`${PATH}/sign-in`, 303);
  });
  app.post("/accounts/:id/revoke", async (c) => {
    const found = await account(c);
    // As DELETE .../connectors/:id: the credential destroyed, the row (and its audit trail) kept.
    await store.updateAccount(found.workspace_id, found.id, { status: "revoked", credentials: null }, clockOf(services)().toISOString());
    return accounts(c, { message: `${found.name} (${found.connector_type}, user ${found.user_id}) was revoked; its next call is refused.` });
  });
  app.post("/accounts/:id/connect-link", async (c) => {
    const found = await account(c);
    // A live account is reconnected in place; a revoked one is connected anew, with the same scopes.
    const reconnect = found.status === "revoked" ? {} : { connector_id: found.id };
    const request = { user_id: found.user_id, connectors: [found.connector_type], scopes: found.scopes ?? undefined, read_only: found.read_only, ...reconnect };
    const link = await createConnectLink(services, found.workspace_id, request, c.req.url);
    return accounts(c, { link: { ...link, user_id: found.user_id } });
  });
}

function activityRoutes(app: ConsoleApp, services: Services): void {
  const { store } = services;
  const { connectorsDir } = services.config;
  app.get("/audit", async (c) => {
    const data = await auditPageData(store, c.get("workspace").id, auditFilters(c.req.query(), connectorsDir), connectorsDir);
    return c.html(auditPage({ workspace: c.get("workspace"), secret: c.get("secret"), ...data }));
  });
  app.get("/audit.ndjson", (c) => auditExport(c, store, c.get("workspace").id, auditFilters(c.req.query(), connectorsDir)));
  app.get("/usage", async (c) => {
    const workspace = c.get("workspace");
    const currency = (connector: string) => manifestFor(connector, connectorsDir).costs?.currency ?? "";
    return c.html(usagePage({ workspace, secret: c.get("secret"), currency, ...(await usageData(store, workspace.id, clockOf(services)())) }));
  });
}
