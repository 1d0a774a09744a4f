/**
 * The OpenAPI document the server serves lints clean with Redocly's recommended rules (errors and warnings alike),
 * offline (telemetry and notices off), and documents every API route the app has.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { openStore } from "../../src/server/store/open.js";
import type { Store } from "../../src/server/store/types.js";
import { Vault } from "../../src/server/vault.js";
import { newMasterKey } from "./harness.js";

const root = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);

describe("/openapi.json", () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let document: any;
  const dir = mkdtempSync(join(tmpdir(), "connectors-openapi-"));

  beforeAll(async () => {
    store = await openStore(":memory:");
    const masterKey = newMasterKey();
    app = createApp({ store, vault: new Vault(masterKey), config: { masterKey } });
    document = await (await app.request("/openapi.json")).json();
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lints clean with Redocly's recommended rules, without the network", async () => {
    const file = join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(document, null, 2));
    const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_NOTIFICATIONS: "true", NO_COLOR: "1" };
    const cli = join(root, "node_modules", "@redocly", "cli", "bin", "cli.js");
    const { stdout } = await run(process.execPath, [cli, "lint", file, "--config", join(root, "redocly.yaml"), "--format", "json"], { env, cwd: dir }).catch((error) => error);
    const report = JSON.parse(stdout);
    expect(report.problems.map((p: any) => `${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it("names the server's public URL, when it has one, and documents every API route the app serves", async () => {
    expect(document.servers).toEqual([{ url: "/", description: "This server" }]);
    const masterKey = newMasterKey();
    const behindProxy = createApp({ store, vault: new Vault(masterKey), config: { masterKey, publicUrl: "https://connectors.acme.test/" } });
    expect((await (await behindProxy.request("/openapi.json")).json()).servers).toEqual([{ url: "https://connectors.acme.test", description: "This server (its public URL)" }]);
    const pages = /^\/(connect|console|assets)(\/|$)/;
    const served = app.routes
      .filter((route) => route.method !== "ALL" && !pages.test(route.path))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`.replace(/\/$/, ""));
    const documented = Object.entries(document.paths).flatMap(([path, item]: [string, any]) =>
      Object.keys(item)
        .filter((key) => key !== "parameters")
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...new Set(served)].sort()).toEqual(documented.sort());
  });
});
