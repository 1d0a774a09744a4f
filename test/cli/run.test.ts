/** `connectors run`: code mode from the terminal, against the embedded sandbox. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./run.js";

describe.concurrent("connectors run", () => {
  it("prints the script's answer as JSON on stdout and its console on stderr", async () => {
    const { code, stdout, stderr } = await run([
      "run",
      "harvest",
      "--sandbox",
      "--eval",
      'const { data } = await harvest.projects.list({}, { all: true }); console.log("projects:", data.length); console.warn("careful"); return data.map((p) => p.name).sort();',
    ]);
    expect(code).toBe(0);
    const names = JSON.parse(stdout);
    expect(names.length).toBeGreaterThan(1);
    expect(stderr).toMatch(/^projects: \d+\nwarn: careful\n$/);
  });

  it("reads the script from a file, or from stdin with -", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "connectors-run-")), "me.js");
    writeFileSync(file, "const me = await harvest.users.me();\nreturn me.data.first_name;\n");
    expect(await run(["run", "harvest", "--sandbox", file])).toMatchObject({ code: 0, stdout: '"Alex"\n' });
    expect(await run(["run", "harvest", "--sandbox", "-"], { input: "return [1, 2].length" })).toMatchObject({ code: 0, stdout: "2\n" });
  });

  it("takes several connectors, each a global", async () => {
    const { code, stdout } = await run(["run", "harvest", "harvestapi", "--sandbox", "--eval", "return [typeof harvest.time_entries.list, typeof harvestapi.profiles.search]"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(["function", "function"]);
  });

  it("exits 6 when a limit stops the script, naming the flag to change", async () => {
    const { code, stdout, stderr } = await run(["run", "harvest", "--sandbox", "--timeout", "0.3", "--eval", "while (true) {}"]);
    expect({ code, stdout }).toEqual({ code: 6, stdout: "" });
    expect(stderr).toMatch(/^LimitError: the script ran past its time limit of 0.3 s .*\(--timeout SECONDS\)\n$/);
    const calls = await run(["run", "harvest", "--sandbox", "--max-calls", "1", "--eval", "await harvest.users.me(); await harvest.users.me();"]);
    expect(calls.code).toBe(6);
    expect(calls.stderr).toMatch(/limit of 1 calls.*\(--max-calls N\)/);
  });

  it("exits as execute does for a call's error, with the script's line, and 4 for an out-of-scope call", async () => {
    const { code, stderr } = await run(["run", "harvest", "--sandbox", "--read-only", "--eval", 'const a = 1;\nawait harvest.clients.create({ name: "Acme" });']);
    expect(code).toBe(4);
    expect(stderr).toMatch(/^ScopeError: harvest clients\.create is out of scope \(this connection is read-only\); nothing was sent.* \(at line 2 of the script\)\n$/);
  });

  it("exits 5 when a harvestapi script reaches its budget", async () => {
    const script = 'for (const search of ["a", "b", "c", "d"]) await harvestapi.profiles.search({ search }); return "all done"';
    const { code, stdout, stderr } = await run(["run", "harvestapi", "--sandbox", "--budget", "0.01", "--eval", script]);
    expect({ code, stdout }).toEqual({ code: 5, stdout: "" });
    expect(stderr).toMatch(/^CreditsError: .*script's budget of \$0.01 after \$0.008 spent.*\(--budget USD\)/);
  });

  it("exits 1 for the script's own error, with its line", async () => {
    const { code, stderr } = await run(["run", "harvest", "--sandbox", "--eval", "const x = 1;\nx();"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ScriptError: TypeError at line 2: not a function\n$/);
  });

  it("says what is missing when there is no script or no connector", async () => {
    expect(await run(["run", "harvest", "--sandbox"])).toMatchObject({ code: 4, stderr: expect.stringMatching(/needs a script: a file .*--eval CODE/) });
    expect(await run(["run", "./report.js"])).toMatchObject({ code: 4, stderr: expect.stringMatching(/needs a connector name before the script/) });
    expect(await run(["run", "harvest", "./missing.js"])).toMatchObject({ code: 4, stderr: expect.stringMatching(/cannot read the script \.\/missing\.js: ENOENT/) });
  });

  it("leaves other commands' start-up alone: describe loads no QuickJS", async () => {
    const hook = `data:text/javascript,${encodeURIComponent(
      'import { register } from "node:module"; register("data:text/javascript,export async function resolve(s, c, n) { const r = await n(s, c); if (r.url.includes(\'quickjs\')) console.error(\'LOADED \' + r.url); return r; }");',
    )}`;
    const described = await run(["describe", "harvest", "--json"], { nodeOptions: ["--import", hook] });
    expect(described.code).toBe(0);
    expect(described.stderr).not.toContain("LOADED");
    const ran = await run(["run", "harvest", "--eval", "return 1"], { nodeOptions: ["--import", hook] });
    expect(ran.stderr).toContain("LOADED");
  });
});
