/**
 * Where the time goes: runs a bench worker under `node --cpu-prof` and prints the functions with the most self time.
 *   node bench/profile.mjs [--top 30] bench/workers/execute-loop.mjs get 20000
 *   node bench/profile.mjs --read some.cpuprofile      (a profile written elsewhere, e.g. a server run with --cpu-prof)
 * `--group` sums self time per package, dist/ folder, Node and the engine instead of per function.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { byGroup, formatTop, readProfile, selfTimes } from "./lib/cpu-profile.mjs";
import { runNode, tempDir } from "./lib/processes.mjs";

// Options come first; from the worker's path on, every argument is the worker's own.
const at = process.argv.slice(2).findIndex((arg, i, all) => !arg.startsWith("--") && !["--top", "--read"].includes(all[i - 1]));
const own = at === -1 ? process.argv.slice(2) : process.argv.slice(2, 2 + at);
const positionals = at === -1 ? [] : process.argv.slice(2 + at);
const { values } = parseArgs({ args: own, options: { top: { type: "string", default: "30" }, read: { type: "string" }, group: { type: "boolean", default: false } } });
const top = Number(values.top);
const report = (file) => {
  const rows = selfTimes(readProfile(file));
  return formatTop(values.group ? byGroup(rows) : rows, top);
};

if (values.read) {
  console.log(report(values.read));
} else {
  if (positionals.length === 0) throw new Error("usage: node bench/profile.mjs [--top N] <worker.mjs> [args...] | --read <file.cpuprofile>");
  const dir = tempDir("bench-profile-");
  try {
    const run = await runNode(["--cpu-prof", `--cpu-prof-dir=${dir.path}`, ...positionals], { keepOutput: true });
    process.stdout.write(run.output);
    for (const file of readdirSync(dir.path)) console.log(`\n${file}\n${report(join(dir.path, file))}`);
  } finally {
    dir.remove();
  }
}
