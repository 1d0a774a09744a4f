/**
 * A script whose worker thread cannot start (here: the built package with its worker file missing) ends with a typed
 * internal error at once, and the process exits: nothing waits for a thread that never came.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Inside the checkout, so the copy finds the checkout's node_modules as the built package does.
const copy = mkdtempSync(join(root, "node_modules", ".worker-failure-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

it("is an E_INTERNAL error naming the worker thread, and the process exits", async () => {
  for (const folder of ["dist", "connectors"]) cpSync(join(root, folder), join(copy, folder), { recursive: true });
  rmSync(join(copy, "dist", "runtime", "code", "worker.js"));
  const script = `
    const { connect } = await import(${JSON.stringify(join(copy, "dist", "index.js"))});
    const error = await connect("harvest", { sandbox: true }).run("return 1").catch((e) => e);
    console.log(JSON.stringify({ code: error.code, message: error.message }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { timeout: 15_000 });
  expect(JSON.parse(stdout)).toMatchObject({ code: "E_INTERNAL", message: expect.stringMatching(/^the script's worker thread failed: Cannot find module/) });
});
