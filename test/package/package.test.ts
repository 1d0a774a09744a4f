/** The package in its checkout: imported by its name, and run by `npx connectors` (the installed tarball: install.test.ts). */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the agent-connectors package", () => {
  it('is imported by name: import { connect } from "agent-connectors"', async () => {
    const script = `import { connect, ValidationError } from "agent-connectors";
      const { data } = await connect("harvest", { sandbox: true }).execute("users", "me");
      console.log(data.first_name, typeof ValidationError);`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: root });
    expect(stdout.trim()).toBe("Alex function");
  });

  it("is what npx connectors runs in the checkout, at once: npx links the checkout into its cache without rebuilding it", async () => {
    const cache = mkdtempSync(join(tmpdir(), "connectors-npx-"));
    const built = statSync(`${root}/dist/cli/main.js`).mtimeMs;
    try {
      const { stdout } = await run("npx", ["connectors", "--version"], { cwd: root, env: { ...process.env, npm_config_cache: cache, npm_config_offline: "true" } });
      expect(stdout.trim()).toBe(JSON.parse(readFileSync(`${root}/package.json`, "utf8")).version);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
    expect(statSync(`${root}/dist/cli/main.js`).mtimeMs).toBe(built);
  });
});
