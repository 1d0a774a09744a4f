// Start-up of the CLI: `connectors describe harvest --json` against bare `node -e 0`, run alternately, medians compared.
// Goal (CLI issue): at most 2.5x. Run after `npm run build`: node scripts/bench-startup.mjs [runs, default 20]
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const RUNS = Number(process.argv[2] ?? 20);
const GOAL = 2.5;
const cli = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const commands = { "node -e 0": ["-e", "0"], "connectors describe harvest --json": [cli, "describe", "harvest", "--json"] };

function once(args) {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (const args of Object.values(commands)) once(args); // warm the file cache
for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(commands)) times[name].push(once(args));

const [base, cliMs] = Object.values(times).map(median);
for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(36)} median ${median(xs).toFixed(1)} ms over ${RUNS} runs`);
const ratio = cliMs / base;
console.log(`ratio ${ratio.toFixed(2)}x (goal: at most ${GOAL}x) ${ratio <= GOAL ? "ok" : "OVER"}`);
if (ratio > GOAL) process.exitCode = 1;
