/**
 * The connect pages and the console in a real browser, against the Harvest sandbox over loopback: one user connects
 * with a token (after a refused one), another through the sandbox's OAuth consent page; an expired and a reused link
 * are refused; the owner signs in, sees both accounts and their calls, exports the audit, revokes one, and that
 * account's next execute is refused. Keyboard only where a user would use it; no secret ever reaches a page.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ACCOUNT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_PERSONAL_ACCESS_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import { createWorkspace, startOAuthHarness, type Backend, type Harness } from "../server/harness.js";
import { chromiumMissing, launchBrowser, type Browser } from "./browser.js";

const missing = chromiumMissing();
const dir = mkdtempSync(join(tmpdir(), "connectors-browser-"));
const backend: Backend = {
  name: "sqlite",
  database: `sqlite:${join(dir, "c.db")}`,
  open: async () => (await import("../../src/server/store/open.js")).openStore(`sqlite:${join(dir, "c.db")}`),
  dump: async () => "",
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
};

describe.skipIf(missing)("connect pages and console in Chromium", () => {
  let h: Harness;
  let browser: Browser;
  let ws: { id: string; token: string };
  let offsetMs = 0;
  /** Every page's HTML, to look for secrets in. */
  const seen: string[] = [];
  const accounts: Record<string, string> = {};

  const link = async (user: string, extra: object = {}) => {
    const response = await h.call("POST", "/api/v1/connect-sessions", ws.token, { user_id: user, connectors: ["harvest"], redirect_url: `${h.server.url}/health?from=app`, ...extra });
    expect(response.status, response.text).toBe(201);
    return response.body as { url: string; expires_at: string };
  };
  const execute = (id: string) => h.call("POST", `/api/v1/integrations/connectors/${id}/execute`, ws.token, { entity: "users", action: "me" });
  const keep = async (page: Page) => void seen.push(await page.content());

  /** Tabs through the page until the focused element's text is `text`: what a keyboard user does. */
  async function tabTo(page: Page, text: string) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) return;
    }
    throw new Error(`"${text}" cannot be reached with the Tab key`);
  }

  beforeAll(async () => {
    h = await startOAuthHarness(backend, { now: () => new Date(Date.now() + offsetMs) });
    h.config.oauthClients = { harvest: { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET } };
    ws = await createWorkspace(h.call, "Acme Agents");
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await backend.cleanup();
  });

  it("connects a user with a token: a refused one is explained, then the right one shows Connected and goes back to the app", async () => {
    const page = await browser.context.newPage();
    const { url } = await link("alice", { scopes: ["users.me", "time_entries.*"] });
    const opened = await page.goto(url);
    expect(opened!.headers()["content-security-policy"]).toMatch(/default-src 'none'; style-src 'self'.*form-action 'self' http:\/\/127\.0\.0\.1:\d+;.*frame-ancestors 'none'/);
    // The link leaves the address bar at once.
    expect(page.url()).toBe(`${h.server.url}/connect`);
    await expect.poll(() => page.getByRole("heading", { name: "Connect your account" }).isVisible()).toBe(true);
    expect(await page.getByText("time_entries.*").isVisible()).toBe(true);
    await browser.screenshot(page, "connect-page");

    await page.getByLabel("Personal access token").fill("not-a-real-token");
    await page.getByLabel("Account ID").fill(SANDBOX_ACCOUNT_ID);
    await page.getByLabel("Account ID").press("Enter");
    const alert = page.getByRole("alert");
    expect(await alert.textContent()).toMatch(/^Harvest did not accept these credentials\. Check them and try again\. Nothing was saved\. Details: .*401/);
    // The secret is not written back; the account id is.
    expect(await page.getByLabel("Personal access token").inputValue()).toBe("");
    expect(await page.getByLabel("Account ID").inputValue()).toBe(SANDBOX_ACCOUNT_ID);
    await keep(page);
    expect(seen.at(-1)).not.toContain("not-a-real-token");

    await page.getByLabel("Personal access token").fill(SANDBOX_PERSONAL_ACCESS_TOKEN);
    await page.getByLabel("Personal access token").press("Enter");
    await page.getByRole("heading", { name: "Connected" }).waitFor();
    expect(await page.getByRole("status").textContent()).toContain("Your Harvest account Alex Morgan (alex.morgan@sandbox-studio.example) is connected.");
    await keep(page);

    await tabTo(page, "Continue");
    await Promise.all([page.waitForURL(/\/health\?/), page.keyboard.press("Enter")]);
    const back = new URL(page.url());
    expect(back.searchParams.get("from")).toBe("app");
    expect(back.searchParams.get("status")).toBe("connected");
    accounts.alice = back.searchParams.get("account_id")!;
    expect(accounts.alice).toMatch(/^conn_/);
    await page.close();

    const shown = await h.call("GET", `/api/v1/integrations/connectors/${accounts.alice}`, ws.token);
    expect(shown.body).toMatchObject({ user_id: "alice", status: "active", auth_variant: "personal_access_token", scopes: ["users.me", "time_entries.*"], name: "Alex Morgan (alex.morgan@sandbox-studio.example)" });
  });

  it("connects a second user through the sandbox's OAuth consent page, by keyboard", async () => {
    const page = await browser.context.newPage();
    await page.goto((await link("bob")).url);
    await tabTo(page, "Connect with Harvest");
    await Promise.all([page.waitForURL(`${h.server.url}/connect`, { waitUntil: "load" }), page.keyboard.press("Enter")]);
    await page.getByRole("heading", { name: "Connected" }).waitFor();
    await keep(page);
    // The browser went through the provider: the sandbox issued and exchanged a code for it.
    expect(h.sandbox.harvest.stats.requestLog.some((r) => r.host === "id" && r.path === "/accounts")).toBe(true);
    const href = await page.getByRole("link", { name: "Continue" }).getAttribute("href");
    accounts.bob = new URL(href!).searchParams.get("account_id")!;
    await page.close();
    const shown = await h.call("GET", `/api/v1/integrations/connectors/${accounts.bob}`, ws.token);
    expect(shown.body).toMatchObject({ user_id: "bob", status: "active", auth_variant: "oauth2" });
    expect((await execute(accounts.bob)).status).toBe(200);
    expect((await execute(accounts.alice)).status).toBe(200);
  });

  it("refuses a reused link and an expired one", async () => {
    const page = await browser.context.newPage();
    const fresh = await link("carol");
    await page.goto(fresh.url);
    const reused = await page.goto(fresh.url);
    expect(reused!.status()).toBe(410);
    expect(await page.getByRole("alert").textContent()).toBe("This connect link was already used. Ask the application for a new one.");

    const later = await link("dave");
    offsetMs = 31 * 60 * 1000;
    try {
      const expired = await page.goto(later.url);
      expect(expired!.status()).toBe(410);
      expect(await page.getByRole("heading").textContent()).toBe("Link expired");
    } finally {
      offsetMs = 0;
    }
    const unknown = await page.goto(`${h.server.url}/connect/ccl_not-a-link`);
    expect(unknown!.status()).toBe(404);
    await page.close();
  });

  it("lets the owner sign in, see both accounts and their calls, export the audit, revoke one and sign out", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${h.server.url}/console`);
    expect(page.url()).toBe(`${h.server.url}/console/sign-in`);
    await page.getByLabel("Workspace token").fill(ws.token);
    await Promise.all([page.waitForURL(`${h.server.url}/console`), page.getByLabel("Workspace token").press("Enter")]);
    const cookies = await browser.context.cookies(`${h.server.url}/console`);
    expect(cookies.find((c) => c.name === "console_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });

    const rows = page.getByRole("row");
    expect(await rows.filter({ hasText: "alice" }).getByText("active").isVisible()).toBe(true);
    expect(await rows.filter({ hasText: "bob" }).getByText("active").isVisible()).toBe(true);
    await browser.screenshot(page, "console");
    await keep(page);

    await page.getByRole("link", { name: "Audit log" }).click();
    const audit = page.getByRole("table");
    for (const id of [accounts.alice!, accounts.bob!]) expect(await audit.getByText(id).count()).toBeGreaterThan(0);
    await page.getByLabel("User").fill("alice");
    await page.getByLabel("Status").selectOption("ok");
    await Promise.all([page.waitForURL(/user_id=alice/), page.getByLabel("User").press("Enter")]);
    expect(await page.getByRole("table").getByText("bob").count()).toBe(0);
    expect(await page.getByRole("table").getByText("users.me").count()).toBe(2);
    await keep(page);
    const exportHref = await page.getByRole("link", { name: "Export these calls as NDJSON" }).getAttribute("href");
    const exported = await page.request.get(`${h.server.url}${exportHref}`);
    expect(exported.headers()["content-type"]).toBe("application/x-ndjson");
    const lines = (await exported.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((row) => [row.user_id, row.connector_id, row.entity, row.action, row.outcome])).toEqual([
      ["alice", accounts.alice, "users", "me", "ok"],
      ["alice", accounts.alice, "users", "me", "ok"],
    ]);

    await page.getByRole("link", { name: "Usage" }).click();
    expect(await page.getByRole("img", { name: "Calls and errors per hour" }).isVisible()).toBe(true);
    expect(await page.locator("figcaption").textContent()).toMatch(/^\d+ calls and 0 errors in the last 7 days; busiest hour/);
    expect(await page.getByRole("table").getByRole("row").filter({ hasText: "bob" }).count()).toBe(1);

    await page.getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("button", { name: /^Revoke .* of bob$/ }).click();
    expect(await page.getByRole("status").textContent()).toMatch(/was revoked; its next call is refused/);
    expect(await page.getByRole("row").filter({ hasText: "bob" }).getByText("revoked").isVisible()).toBe(true);
    const refused = await execute(accounts.bob!);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/was revoked; nothing was sent/);
    expect((await execute(accounts.alice!)).status).toBe(200);

    await page.getByRole("button", { name: "New connect link" }).first().click();
    expect(await page.locator("#connect-link").textContent()).toMatch(new RegExp(`^${h.server.url}/connect/ccl_`));
    await keep(page);

    await page.getByRole("button", { name: "Sign out" }).click();
    expect(page.url()).toBe(`${h.server.url}/console/sign-in`);
    await page.goto(`${h.server.url}/console/audit`);
    expect(page.url()).toBe(`${h.server.url}/console/sign-in`);
    await page.close();
  });

  it("never showed a secret, and Chromium reported no Content-Security-Policy violation", () => {
    const pages = seen.join("\n");
    for (const secret of [ws.token, SANDBOX_PERSONAL_ACCESS_TOKEN, SANDBOX_CLIENT_SECRET, "sandbox-access-", "sandbox-refresh-"]) expect(pages).not.toContain(secret);
    expect(browser.consoleMessages.filter((m) => /Content.Security.Policy|Refused to/i.test(m))).toEqual([]);
  });
});
