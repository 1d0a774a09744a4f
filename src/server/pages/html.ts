/**
 * What every server-rendered page shares: the layout, the security headers (a strict Content-Security-Policy, no
 * caching, no referrer: a connect link must not leak), session cookies, CSRF tokens and form fields.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { badRequest, describeError } from "../errors.js";
import { sameSecret } from "../tokens.js";

export type Html = ReturnType<typeof html>;

export const STYLESHEET_PATH = "/assets/style.css";

/** Scripts, frames, plugins and inline styles: none. Forms post here only (plus, on a connect page, the OAuth provider). */
export function contentSecurityPolicy(formTargets: string[] = []): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self'",
    `form-action 'self'${formTargets.map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
}

export function securityHeaders(c: Context, formTargets: string[] = []): void {
  c.header("Content-Security-Policy", contentSecurityPolicy(formTargets));
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "no-referrer");
  c.header("Cache-Control", "no-store");
}

export function layout(title: string, body: Html, nav?: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
${nav ?? ""}
${body}
</body>
</html>`;
}

/** An error or notice box that screen readers announce. */
export const alert = (message: string | null | undefined) => (message ? html`<div class="alert" role="alert">${message}</div>` : "");

/** A CSRF token bound to a session's secret: only a page served to that browser can know it. */
export const csrfToken = (sessionSecret: string) => createHash("sha256").update(`csrf\0${sessionSecret}`).digest("base64url");

export const csrfField = (sessionSecret: string) => html`<input type="hidden" name="csrf" value="${csrfToken(sessionSecret)}">`;

/** The form's fields as strings; a wrong or missing CSRF token is a 403 before anything else is read. */
export async function formFields(c: Context, sessionSecret: string): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === "string") fields[name] = value;
  if (!fields.csrf || !sameSecret(fields.csrf, csrfToken(sessionSecret))) throw new CsrfError();
  return fields;
}

export class CsrfError extends Error {
  constructor() {
    super("this form is out of date or did not come from this site; reload the page and try again");
  }
}

export function requiredField(fields: Record<string, string>, name: string): string {
  const value = fields[name];
  if (!value) throw badRequest(`${name} is required`);
  return value;
}

/** Behind a proxy that ends TLS, the proxy says so; trusting it can only make a cookie stricter. */
const secure = (c: Context) => new URL(c.req.url).protocol === "https:" || c.req.header("X-Forwarded-Proto") === "https";

/** An HttpOnly cookie for one path; Strict unless it must survive a return from an OAuth provider (Lax). */
export function setSessionCookie(c: Context, name: string, value: string, options: { path: string; maxAgeSeconds: number; sameSite: "Strict" | "Lax" }): void {
  setCookie(c, name, value, { path: options.path, httpOnly: true, sameSite: options.sameSite, secure: secure(c), maxAge: Math.max(1, Math.floor(options.maxAgeSeconds)) });
}

export const sessionCookie = (c: Context, name: string) => getCookie(c, name);

export const clearSessionCookie = (c: Context, name: string, path: string) => deleteCookie(c, name, { path, secure: secure(c) });

export function problemPage(title: string, message: string): Html {
  return layout(title, html`<main class="narrow"><h1>${title}</h1>${alert(message)}</main>`);
}

/** Renders a refusal as a page: a link that is unknown, expired or used, a stale form, a console signed out. */
export function pageError(c: Context, error: unknown): Response | Promise<Response> {
  securityHeaders(c);
  if (error instanceof CsrfError) return c.html(problemPage("Please try again", error.message), 403);
  const { status, message } = describeError(error);
  if (status === 500) console.error(error);
  return c.html(problemPage(status >= 500 ? "Something went wrong" : "This page cannot be used", message), status);
}
