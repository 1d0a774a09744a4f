/**
 * `npm run bench`: runs the benchmarks (or `--only NAME`, repeatable), prints a table and writes bench/results.json.
 * `--quick` runs each with a tenth of the work, to check the harness itself (its figures mean little).
 * `--markdown` prints the stored figures as Markdown tables (for BENCHMARKS.md) and runs nothing.
 * Not part of `npm test`; see BENCHMARKS.md for the method.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import overhead from "./benchmarks/overhead.mjs";
import validation from "./benchmarks/validation.mjs";
import streaming from "./benchmarks/streaming.mjs";
import startup from "./benchmarks/startup.mjs";
import pacing from "./benchmarks/pacing.mjs";
import hosted from "./benchmarks/hosted.mjs";
import agent from "./benchmarks/agent.mjs";
import code from "./benchmarks/code.mjs";
import { formatMarkdown } from "./lib/report.mjs";
import { runBenchmarks } from "./lib/runner.mjs";

const BENCHMARKS = [overhead, validation, streaming, startup, pacing, hosted, agent, code];

const options = { only: { type: "string", multiple: true, default: [] }, quick: { type: "boolean", default: false }, list: { type: "boolean", default: false }, markdown: { type: "boolean", default: false } };
const { values } = parseArgs({ options });
const resultsFile = new URL("./results.json", import.meta.url).pathname;
if (values.markdown) {
  console.log(formatMarkdown(JSON.parse(readFileSync(resultsFile, "utf8"))));
} else if (values.list) {
  for (const b of BENCHMARKS) console.log(`${b.name.padEnd(12)} ${b.title}`);
} else {
  const ok = await runBenchmarks(BENCHMARKS, { only: values.only.flatMap((o) => o.split(",")), quick: values.quick, resultsFile });
  process.exitCode = ok ? 0 : 1;
}
