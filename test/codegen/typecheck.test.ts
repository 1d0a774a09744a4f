/** The generated types compile, and the calls they must refuse do not (test/fixtures/typecheck/calls.ts). */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));

it("right calls compile and every wrong call is a compile error; error codes narrow", async () => {
  const fixture = readFileSync(new URL("../fixtures/typecheck/calls.ts", import.meta.url), "utf8");
  expect(fixture.match(/@ts-expect-error/g)!.length).toBeGreaterThanOrEqual(11);
  // An unused @ts-expect-error (a wrong call that compiles) fails tsc, as does any right call that does not.
  const result = await run(process.execPath, [tsc, "--noEmit", "-p", "test/fixtures/typecheck"], { cwd: root }).catch((error: { stdout: string }) => error);
  expect(result.stdout).toBe("");
}, 60_000);
