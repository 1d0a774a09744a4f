/**
 * Headless Chromium (Debian's package) driven by playwright-core, in a fresh profile, with the background networking
 * a closed network refuses switched off. Missing Chromium skips the browser tests with a warning, except in CI.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = join(import.meta.dirname, "..", "..", "test-results", "screenshots");

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why the browser tests cannot run here, when they cannot. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `${CHROMIUM} is missing: apt-get install -y chromium`;
  if (process.env.CI) throw new Error(`${reason} (CI must run the browser tests)`);
  return reason;
}

export interface Browser {
  context: BrowserContext;
  /** Messages Chromium logged, e.g. a Content-Security-Policy violation. */
  consoleMessages: string[];
  screenshot(page: import("playwright-core").Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "connectors-chromium-"));
  // launchPersistentContext passes --user-data-dir itself: a fresh profile for each run.
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1200, height: 900 } });
  const consoleMessages: string[] = [];
  context.on("console", (message) => void consoleMessages.push(`${message.type()}: ${message.text()}`));
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    consoleMessages,
    async screenshot(page, name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
