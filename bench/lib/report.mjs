/** The printed table of a run's figures, and bench/results.json (merged, so `--only` keeps the other benchmarks' figures). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export function formatNumber(value) {
  if (typeof value !== "number" || Number.isNaN(value)) return "-";
  const size = Math.abs(value);
  if (size >= 100 || Number.isInteger(value)) return value.toFixed(0);
  return value.toFixed(size >= 10 ? 1 : 2);
}

export function targetText(target) {
  if (!target) return "";
  const suffix = target.of === "ratio" ? "x" : "";
  const bounds = [];
  if (target.atLeast !== undefined) bounds.push(`>= ${target.atLeast}${suffix}`);
  if (target.atMost !== undefined) bounds.push(`<= ${target.atMost}${suffix}`);
  return `${target.of === "ratio" ? "ratio" : "median"} ${bounds.join(", ")}`;
}

const COLUMNS = [
  ["figure", (f) => f.name, 58],
  ["unit", (f) => f.unit, 10],
  ["median", (f) => formatNumber(f.median), 9],
  ["min", (f) => formatNumber(f.min), 9],
  ["max", (f) => formatNumber(f.max), 9],
  ["ratio", (f) => (f.ratio === undefined ? "" : `${f.ratio.toFixed(2)}x`), 7],
  ["target", (f) => targetText(f.target), 20],
  ["", (f) => (f.met === undefined ? "" : f.met ? "ok" : "MISSED"), 6],
];

const row = (cells) => cells.map((cell, i) => (i >= 2 && i <= 5 ? cell.padStart(COLUMNS[i][2]) : cell.padEnd(COLUMNS[i][2]))).join(" ").trimEnd();

/** One block per benchmark: its title, a header, one line per figure, then its notes. */
export function formatTable(entries) {
  const lines = [];
  for (const [name, entry] of Object.entries(entries)) {
    lines.push("", `${name}: ${entry.title}${entry.error ? `  FAILED: ${entry.error.split("\n")[0]}` : ""}`);
    if (entry.figures.length === 0) continue;
    lines.push(`  ${row(COLUMNS.map(([header]) => header))}`);
    for (const figure of entry.figures) lines.push(`  ${row(COLUMNS.map(([, cell]) => cell(figure)))}`);
    for (const note of entry.notes ?? []) lines.push(`  note: ${note}`);
  }
  return lines.join("\n");
}

/** The results file with this run's benchmarks replaced and every other benchmark's entry kept as it was. */
export function writeResults(file, machine, entries) {
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : { benchmarks: {} };
  const results = { machine, written_at: new Date().toISOString(), benchmarks: { ...previous.benchmarks, ...entries } };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

/** The stored figures as Markdown tables, one per benchmark, for BENCHMARKS.md. */
export function formatMarkdown(results) {
  const { machine } = results;
  const lines = [`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GB, Node ${machine.node}, ${machine.platform}; written ${results.written_at}.`];
  for (const [name, entry] of Object.entries(results.benchmarks)) {
    lines.push("", `**${name}**: ${entry.title} (load average at start ${entry.load_average.join(" ")}, ${entry.seconds} s)`, "");
    if (entry.error) lines.push(`FAILED: ${entry.error.split("\n")[0]}`, "");
    lines.push("| figure | unit | median | min | max | ratio | target | |", "|---|---|--:|--:|--:|--:|---|---|");
    for (const f of entry.figures) {
      const ratio = f.ratio === undefined ? "" : `${f.ratio.toFixed(2)}x (${f.ratio_min.toFixed(2)}-${f.ratio_max.toFixed(2)})`;
      const met = f.met === undefined ? "" : f.met ? "met" : "**missed**";
      lines.push(`| ${f.name} | ${f.unit} | ${formatNumber(f.median)} | ${formatNumber(f.min)} | ${formatNumber(f.max)} | ${ratio} | ${targetText(f.target)} | ${met} |`);
    }
  }
  return lines.join("\n");
}
