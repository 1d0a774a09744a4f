/** `connectors validate`: editor-style problem lines with the YAML path, and exit codes for CI. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { configDir, run } from "./run.js";

const demo = fileURLToPath(new URL("../fixtures/connectors/demo/connector.yaml", import.meta.url));

describe.concurrent("connectors validate", () => {
  it("says ok with the action count for a valid manifest, file or folder", async () => {
    const file = await run(["validate", demo]);
    expect(file).toMatchObject({ code: 0, stderr: "" });
    expect(file.stdout).toMatch(/^ok: demo \(\d+ actions\)\n$/);
    expect((await run(["validate", fileURLToPath(new URL("../../connectors/harvest", import.meta.url))])).stdout).toMatch(/^ok: harvest \(\d+ actions\)\n$/);
  });

  it("prints each problem as file:line:column: message (at yaml.path) and exits 4", async () => {
    const broken = join(configDir(), "connector.yaml");
    const text = readFileSync(demo, "utf8").replace("title: Demo", "titel: Demo").replace("method: GET", "method: FETCH");
    writeFileSync(broken, text);
    const { code, stdout, stderr } = await run(["validate", broken]);
    expect(code).toBe(4);
    expect(stdout).toBe("");
    const lines = stderr.trim().split("\n");
    const line = (needle: string) => lines.find((l) => l.includes(needle));
    expect(line('unknown key "titel"')).toMatch(new RegExp(`^${broken}:3:1: unknown key "titel" \\(at titel\\)$`));
    expect(line("FETCH") ?? line("must be one of")).toMatch(new RegExp(`^${broken}:\\d+:\\d+: must be one of: GET, POST, PUT, PATCH, DELETE \\(at entities\\.\\w+\\.actions\\.\\w+\\.method\\)$`));
    expect(lines.at(-1)).toMatch(/: \d+ problems$/);
  });
});
