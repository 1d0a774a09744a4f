#!/usr/bin/env node
// Applies the patches in patches/ (unified diffs named <package>-<version>-<what>.patch) to the installed packages, at
// install. Each hunk is matched by its exact text, so a patch applies once, is skipped when already applied, and is
// reported (never applied half) when the installed package is another version. `--check` exits 1 unless all applied.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const patchesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "patches");
const check = process.argv.includes("--check");

/** Each file of a unified diff with its hunks as [before, after] texts. */
function parse(diff) {
  const files = [];
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ b/")) files.push({ path: line.slice(6), hunks: [] });
    else if (line.startsWith("@@")) files.at(-1).hunks.push({ before: [], after: [] });
    else if (files.at(-1)?.hunks.length && /^[ +-]/.test(line) && !line.startsWith("---")) {
      const hunk = files.at(-1).hunks.at(-1);
      if (line[0] !== "+") hunk.before.push(line.slice(1));
      if (line[0] !== "-") hunk.after.push(line.slice(1));
    }
  }
  return files.map((f) => ({ path: f.path, hunks: f.hunks.map((h) => [h.before.join("\n"), h.after.join("\n")]) }));
}

/** The installed package's folder, found the way Node finds it from this package. */
function packageDir(name) {
  const entry = fileURLToPath(import.meta.resolve(name));
  return entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}`.length);
}

let missing = 0;
for (const file of readdirSync(patchesDir).filter((f) => f.endsWith(".patch"))) {
  const [, name, version] = /^(.+?)-(\d+\.\d+\.\d+)-/.exec(file);
  let dir;
  try {
    dir = packageDir(name);
  } catch {
    continue; // Not installed here (an optional dependency, say): nothing to patch.
  }
  const installed = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
  const targets = parse(readFileSync(join(patchesDir, file), "utf8")).map((target) => ({ ...target, text: readFileSync(join(dir, target.path), "utf8") }));
  // Per file: applied (every hunk's new text, none of its old), ready (each old text exactly once), or a mismatch.
  const stateOf = (t) =>
    t.hunks.every(([before, after]) => !t.text.includes(before) && t.text.includes(after)) ? "applied" : t.hunks.every(([before]) => t.text.split(before).length === 2) ? "ready" : "mismatch";
  const states = targets.map(stateOf);
  const state = states.includes("mismatch") ? "mismatch" : states.includes("ready") ? "ready" : "applied";
  if (state === "ready" && !check)
    targets.forEach((t, i) => states[i] === "ready" && writeFileSync(join(dir, t.path), t.hunks.reduce((text, [before, after]) => text.replace(before, after), t.text)));
  if (state === "mismatch" || (check && state !== "applied")) missing++;
  const said = { applied: "already applied", ready: check ? "NOT applied" : "applied", mismatch: `does not match ${name}@${installed} (made for ${version}); left as it is` }[state];
  process.stderr.write(`patches/${file}: ${said}\n`);
}
process.exitCode = check && missing ? 1 : 0;
