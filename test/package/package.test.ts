/** The installed package as a user meets it: the import by name, its types, and the `connectors` bin. */
import { execFile } from "node:child_process";
import { accessSync, constants, realpathSync } from "node:fs";
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

  it("ships types that a strict consumer compiles against, agent-connectors/testing's too", async () => {
    const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));
    await expect(run(process.execPath, [tsc, "-p", "test/fixtures/consumer"], { cwd: root })).resolves.toBeDefined();
  });

  it("links its own bin, executable, so npx connectors never fetches another package", async () => {
    const bin = `${root}/node_modules/.bin/connectors`;
    expect(realpathSync(bin)).toBe(realpathSync(`${root}/dist/cli/main.js`));
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
    const { stdout } = await run(bin, ["list"], { cwd: root });
    expect(stdout).toMatch(/^harvest\s/m);
  });
});
