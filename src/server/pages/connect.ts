/**
 * The connect page an application sends its user to. GET /connect/<link> opens a link once: it binds the session to
 * this browser (an HttpOnly cookie) and moves to /connect, so the link leaves the address bar and cannot be used again.
 * The page then offers each allowed connector's ways of connecting; every form carries a CSRF token.
 */
import { Hono, type Context } from "hono";
import { checkCredentials, manifestFor } from "../account-input.js";
import type { AppEnv, Services } from "../app-env.js";
import { ApiError, badRequest } from "../errors.js";
import { serverCatalog } from "../routes/catalog.js";
import type { ConnectSession } from "../store/types.js";
import { hashToken, newBrowserSecret } from "../tokens.js";
import { connectTested } from "./connect-account.js";
import { authorizeOrigin, chooseConnectAccount, CONNECT_PAGE, startConnectOAuth } from "./connect-oauth.js";
import { connectPage, fieldInputName, type ConnectView } from "./connect-view.js";
import { formFields, pageError, problemPage, requiredField, securityHeaders, sessionCookie, setSessionCookie } from "./html.js";
import { plainWords } from "./plain-words.js";

const COOKIE = "connect_session";

interface Opened {
  session: ConnectSession;
  secret: string;
}

const gone = (message: string) => new ApiError(410, "E_VALIDATION", message);

const clockOf = (services: Services) => services.config.now ?? (() => new Date());

/** The session this browser's cookie names, while usable (a completed one stays viewable: it shows Connected). */
async function opened(c: Context, services: Services): Promise<Opened> {
  const secret = sessionCookie(c, COOKIE);
  const session = secret ? await services.store.findConnectSession({ browser_hash: hashToken(secret) }) : undefined;
  if (!secret || !session) throw new ApiError(401, "E_AUTH", "open the connect link the application gave you; this browser has no connect session");
  if (session.expires_at <= clockOf(services)().toISOString() && !session.completed_at) throw gone("this connect link expired; ask the application for a new one");
  return { session, secret };
}

/** The page, with a Content-Security-Policy whose form-action allows exactly the OAuth providers it links to. */
async function render(c: Context, services: Services, { session, secret }: Opened, extra: Partial<ConnectView> = {}, status: 200 | 422 = 200) {
  const catalog = serverCatalog(services.config, session.connectors ?? undefined);
  const account = session.connector_id ? await services.store.getAccount(session.workspace_id, session.connector_id) : undefined;
  const origins = catalog.flatMap((entry) => entry.auth.filter((v) => v.available && v.flow === "oauth").map((v) => authorizeOrigin(services, manifestFor(entry.name, services.config.connectorsDir), v.name)));
  securityHeaders(c, [...new Set(origins)]);
  return c.html(connectPage({ session, secret, catalog, account, error: session.last_error, ...extra }), status);
}

/** The connector and variant a form names, if the session offers them and has not connected an account yet. */
function chosen(services: Services, session: ConnectSession, fields: Record<string, string>, flow: "oauth" | "form") {
  const connector = requiredField(fields, "connector");
  if (session.connectors && !session.connectors.includes(connector)) throw badRequest(`this link does not offer ${connector}`);
  const manifest = manifestFor(connector, services.config.connectorsDir);
  const entry = serverCatalog(services.config, [manifest.name])[0]!;
  const variant = entry.auth.find((v) => v.name === fields.variant && v.flow === flow && v.available);
  if (!variant) throw badRequest(`${entry.title} offers no such way of connecting here`);
  if (session.completed_at) throw gone("this connect link has already connected an account");
  return { manifest, entry, variant };
}

/** GET /connect/<link>: binds the session to this browser the first time, then moves to /connect. */
async function openLink(c: Context, services: Services, link: string): Promise<Response> {
  const { store } = services;
  const now = clockOf(services)();
  securityHeaders(c);
  const session = await store.findConnectSession({ link_hash: hashToken(link) });
  if (!session) return c.html(problemPage("Link not valid", "This connect link is not valid. Ask the application for a new one."), 404);
  if (session.expires_at <= now.toISOString()) return c.html(problemPage("Link expired", "This connect link expired. Ask the application for a new one."), 410);
  const secret = newBrowserSecret();
  if (session.opened_at || !(await store.openConnectSession(session.id, hashToken(secret), now.toISOString())))
    return c.html(problemPage("Link already used", "This connect link was already used. Ask the application for a new one."), 410);
  // Lax, not Strict: the browser must still send it when the OAuth provider sends it back to the page.
  setSessionCookie(c, COOKIE, secret, { path: CONNECT_PAGE, sameSite: "Lax", maxAgeSeconds: (Date.parse(session.expires_at) - now.getTime()) / 1000 });
  return c.redirect(CONNECT_PAGE, 303);
}

/** POST /connect/credentials: the variant's fields, tested, then saved; a failure re-renders the form with what to fix. */
async function submitCredentials(c: Context, services: Services): Promise<Response> {
  const current = await opened(c, services);
  const fields = await formFields(c, current.secret);
  const { manifest, entry, variant } = chosen(services, current.session, fields, "form");
  const record: Record<string, string> = {};
  for (const field of variant.fields) if (fields[fieldInputName(field.name)]) record[field.name] = fields[fieldInputName(field.name)]!;
  // Typed values come back into the form after a failure; secrets never do.
  const values = Object.fromEntries(variant.fields.filter((f) => !f.secret && record[f.name]).map((f) => [`${entry.name}.${variant.name}.${f.name}`, record[f.name]!]));
  try {
    const checked = checkCredentials(manifest, record, variant.name);
    await connectTested(services, current.session, manifest, checked.variant, checked.record);
  } catch (error) {
    return render(c, services, current, { error: plainWords(error, entry.title), values }, 422);
  }
  return c.redirect(CONNECT_PAGE, 303);
}

export function connectPageRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => pageError(c, error));
  app.get("/:link", (c) => openLink(c, services, c.req.param("link")));
  app.get("/", async (c) => render(c, services, await opened(c, services)));
  app.post("/credentials", (c) => submitCredentials(c, services));
  app.post("/oauth", async (c) => {
    const current = await opened(c, services);
    const { manifest, variant } = chosen(services, current.session, await formFields(c, current.secret), "oauth");
    return c.redirect(await startConnectOAuth(services, current.session, manifest, variant.name), 303);
  });
  app.post("/choose", async (c) => {
    const current = await opened(c, services);
    const fields = await formFields(c, current.secret);
    await chooseConnectAccount(services, current.session, requiredField(fields, "choice"));
    return c.redirect(CONNECT_PAGE, 303);
  });
  return app;
}
