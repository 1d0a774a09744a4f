/** Reads a V8 .cpuprofile (node --cpu-prof) into self time per function, the biggest first. */
import { readFileSync } from "node:fs";
import { relative } from "node:path";

/** Self time in ms per function (name, file:line), over the whole profile. */
export function selfTimes(profile, root = process.cwd()) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url ? `${relative(root, url.replace(/^file:\/\//, ""))}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"}\t${where}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals.entries()]
    .map(([key, ms]) => ({ name: key.split("\t")[0], where: key.split("\t")[1], ms, share: ms / total }))
    .sort((a, b) => b.ms - a.ms);
}

export function readProfile(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** The top `count` lines: share, ms, function, where. */
export function formatTop(rows, count) {
  return rows
    .slice(0, count)
    .map((r) => `${(r.share * 100).toFixed(1).padStart(5)}% ${r.ms.toFixed(0).padStart(6)} ms  ${r.name.slice(0, 40).padEnd(40)} ${r.where}`)
    .join("\n");
}

/** Where a function lives, coarsely: a package, a folder of dist/, Node's own code, or the engine (idle, GC, native calls). */
export function groupOf({ name, where }) {
  if (name === "(idle)" || name === "(garbage collector)") return name;
  if (!where) return "native (syscalls, C++)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (pkg) return pkg[1];
  const ours = /^(dist|bench)\/([^/]+)/.exec(where);
  if (ours) return ours[1] === "dist" ? `dist/${ours[2]}` : "bench";
  return where.startsWith("node:") ? "node (http, streams, crypto...)" : where;
}

/** Self time summed per group, the biggest first. */
export function byGroup(rows) {
  const totals = new Map();
  for (const row of rows) {
    const group = groupOf(row);
    const total = totals.get(group) ?? { name: group, where: "", ms: 0, share: 0 };
    total.ms += row.ms;
    total.share += row.share;
    totals.set(group, total);
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms);
}
