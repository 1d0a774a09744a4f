/** `connectors codegen`: the committed generated files are current, and a stale one is reported, not silently passed. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "./run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "connectors-codegen-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("connectors codegen", () => {
  it("finds the committed files current", async () => {
    const { code, stdout } = await run(["codegen", "--check"]);
    expect(code).toBe(0);
    expect(stdout).toBe("generated files are up to date\n");
  });

  it("reports a stale file with --check and rewrites it without", async () => {
    cpSync(join(root, "connectors"), join(work, "connectors"), { recursive: true });
    cpSync(join(root, "src/generated"), join(work, "types"), { recursive: true });
    const target = join(work, "types", "harvest.ts");
    writeFileSync(target, "// edited by hand\n");
    const args = ["codegen", "--connectors", join(work, "connectors"), "--types", join(work, "types")];
    const checked = await run([...args, "--check"]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain("out of date");
    expect(checked.stdout).toContain("harvest.ts");
    const written = await run(args);
    expect(written.code).toBe(0);
    expect(readFileSync(target, "utf8")).toBe(readFileSync(join(root, "src/generated/harvest.ts"), "utf8"));
  });
});
