/**
 * Runs benchmarks one after another. Each is a module `{ name, title, run(bench) }` whose run() measures through the
 * context it is given (progress, interleave, add) and leaves its figures there; the runner prints and stores them.
 */
import { loadavg } from "node:os";
import { machineFacts } from "./machine.mjs";
import { progressLine } from "./progress.mjs";
import { formatTable, writeResults } from "./report.mjs";
import { interleave, makeFigure } from "./stats.mjs";

function contextFor(benchmark, say, quick) {
  const entry = { title: benchmark.title, started_at: new Date().toISOString(), load_average: loadavg().map((l) => Math.round(l * 100) / 100), figures: [], notes: [] };
  const context = {
    /** A tenth of the work: checks the harness, not the code. */
    quick,
    progress: say,
    /** Adds a figure (see stats.mjs makeFigure) and returns it. */
    add: (spec) => (entry.figures.push(makeFigure(spec)), entry.figures.at(-1)),
    /** A line printed under the benchmark's table (what a figure means, what was excluded). */
    note: (text) => entry.notes.push(text),
    interleave: (variants, options) =>
      interleave(variants, {
        ...options,
        onRound: ({ round, rounds, warmup, variant }) => say(`${options.label ? `${options.label}: ` : ""}${warmup ? "warm-up" : `round ${round + 1}/${rounds}`}, ${variant}`),
      }),
  };
  return { entry, context };
}

/** Runs `benchmarks` (all, or those named in `only`), prints the table, writes `resultsFile`; resolves to whether all ran. */
export async function runBenchmarks(benchmarks, { only = [], quick = false, resultsFile }) {
  const unknown = only.filter((name) => !benchmarks.some((b) => b.name === name));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(", ")}; benchmarks: ${benchmarks.map((b) => b.name).join(", ")}`);
  const chosen = only.length ? benchmarks.filter((b) => only.includes(b.name)) : benchmarks;
  const machine = machineFacts();
  const progress = progressLine();
  const entries = {};
  const started = performance.now();
  for (const [index, benchmark] of chosen.entries()) {
    const say = (text) => progress.update(`[${index + 1}/${chosen.length} ${benchmark.name} ${elapsed(started)}] ${text}`);
    const { entry, context } = contextFor(benchmark, say, quick);
    entries[benchmark.name] = entry;
    const benchStarted = performance.now();
    try {
      await benchmark.run(context);
    } catch (error) {
      entry.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    entry.seconds = Math.round((performance.now() - benchStarted) / 100) / 10;
  }
  progress.done();
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GB, Node ${machine.node}, load average at start ${machine.load_average.join(" ")}`);
  console.log(formatTable(entries));
  writeResults(resultsFile, machine, entries);
  console.log(`\n${Object.keys(entries).length} benchmark(s) in ${elapsed(started)}; figures in ${resultsFile}`);
  return Object.values(entries).every((entry) => !entry.error);
}

function elapsed(since) {
  const seconds = Math.round((performance.now() - since) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
