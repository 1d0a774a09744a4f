/**
 * 3. Streaming: 200,000 time entries (100 pages of 2,000, Harvest's links.next) through connector.paginate, through a
 * raw loop (undici.request, JSON.parse, follow links.next) and through the CLI's `execute ... --output ndjson --all`.
 * Each walk runs in a fresh process so that its peak RSS is its own: records per second, and peak RSS growth over
 * the RSS before the first request (for the CLI: over the same command on a one-record page, as it cannot be
 * asked mid-run).
 */
import { ENV_CREDENTIALS } from "../lib/harvest.mjs";
import { benchDir, cliPath, runNode, startUpstream, tempDir } from "../lib/processes.mjs";

const MiB = 2 ** 20;
const RECORDS = 200_000;

/** A walk in its own process: records/s and peak RSS growth (MiB). */
async function libraryWalk(mode, baseUrl) {
  const run = await runNode([`${benchDir}workers/stream-walk.mjs`, mode, baseUrl], { keepOutput: true });
  const walk = JSON.parse(run.output);
  if (walk.records !== RECORDS) throw new Error(`${mode} walked ${walk.records} records, not ${RECORDS}`);
  return { rate: walk.records / (walk.ms / 1000), growth: (walk.peak_rss_bytes - walk.rss_before_bytes) / MiB };
}

/** The CLI as a user runs it, stdout piped back and counted: records/s over its whole run, and its peak RSS. */
async function cliWalk(env, perPage, all) {
  const args = ["execute", "harvest", "time_entries", "list", "-p", `per_page=${perPage}`, "--output", "ndjson", ...(all ? ["--all"] : ["--limit", "1"])];
  const run = await runNode(["--import", `${benchDir}lib/peak-rss.mjs`, cliPath, ...args], { env });
  const expected = all ? RECORDS : 1;
  if (run.lines !== expected) throw new Error(`the CLI wrote ${run.lines} records, not ${expected}: ${run.stderr.slice(-500)}`);
  const peak = JSON.parse(run.stderr.trim().split("\n").at(-1)).peak_rss_bytes / MiB;
  return { rate: run.lines / (run.ms / 1000), peak };
}

export default {
  name: "streaming",
  title: "200,000 time entries (100 pages of 2,000): paginate vs a raw undici.request + JSON.parse loop, and the CLI's ndjson --all",
  async run(bench) {
    const upstream = await startUpstream();
    const configDir = tempDir("bench-cli-");
    const env = { ...ENV_CREDENTIALS, CONNECTORS_HARVEST_BASE_URL: upstream.baseUrl, CONNECTORS_RATE_LIMIT: "off", CONNECTORS_CONFIG_DIR: configDir.path };
    try {
      const samples = await bench.interleave(
        [
          { name: "raw", run: () => libraryWalk("raw", upstream.baseUrl) },
          { name: "paginate", run: () => libraryWalk("paginate", upstream.baseUrl) },
          { name: "cli", run: () => cliWalk(env, 2000, true) },
          { name: "cli one record", run: () => cliWalk(env, 1, false) },
        ],
        { rounds: bench.quick ? 1 : 4, warmup: bench.quick ? 0 : 1 },
      );
      const of = (name, key) => samples[name].map((s) => s[key]);
      const raw = bench.add({ name: "raw loop: records per second", unit: "records/s", samples: of("raw", "rate") });
      bench.add({ name: "connector.paginate: records per second", unit: "records/s", samples: of("paginate", "rate"), baseline: raw, target: { of: "ratio", atLeast: 0.85 } });
      bench.add({ name: "CLI ndjson --all: records per second (whole run)", unit: "records/s", samples: of("cli", "rate"), baseline: raw });
      bench.add({ name: "raw loop: peak RSS growth", unit: "MiB", samples: of("raw", "growth") });
      bench.add({ name: "connector.paginate: peak RSS growth", unit: "MiB", samples: of("paginate", "growth"), target: { of: "median", atMost: 64 } });
      const cliGrowth = samples.cli.map((s, i) => s.peak - samples["cli one record"][i].peak);
      bench.add({ name: "CLI ndjson --all: peak RSS growth over a one-record run", unit: "MiB", samples: cliGrowth, target: { of: "median", atMost: 64 } });
      bench.add({ name: "CLI ndjson --all: peak RSS", unit: "MiB", samples: of("cli", "peak") });
      bench.note("every walk is a fresh process (raw, paginate, CLI, CLI on one record, in turn); library walks drop a three-page warm-up from their time, the CLI's rate includes its start-up");
    } finally {
      configDir.remove();
      await upstream.stop();
    }
  },
};
