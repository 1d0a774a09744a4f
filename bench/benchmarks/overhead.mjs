/**
 * 1. execute overhead: time_entries.get by id and time_entries.list (one page of 100 records of about 1.3 KB) through
 * connect().execute against the same wire requests sent with raw undici.request on the same keep-alive pool.
 * The upstream runs in its own process; calls go one after another, so the figure is time per call.
 */
import { Agent } from "undici";
import { startUpstream } from "../lib/processes.mjs";
import { harvestOn, rawCall, wireRequestOf } from "../lib/harvest.mjs";
import { timeCalls } from "../lib/timing.mjs";

const TARGET = { of: "ratio", atMost: 1.1 };
const CASES = [
  { label: "time_entries.get", action: "get", params: { id: 636767416 }, calls: 1000 },
  { label: "time_entries.list (100 records)", action: "list", params: { per_page: 100 }, calls: 100 },
];

export default {
  name: "overhead",
  title: "connect().execute vs raw undici.request, same wire requests, loopback upstream in a child process",
  async run(bench) {
    const upstream = await startUpstream();
    const dispatcher = new Agent({ connections: 4 });
    try {
      const harvest = harvestOn(upstream.baseUrl, dispatcher);
      for (const c of CASES) {
        const calls = bench.quick ? Math.ceil(c.calls / 10) : c.calls;
        const wire = await wireRequestOf(upstream.baseUrl, dispatcher, "time_entries", c.action, c.params);
        const samples = await bench.interleave(
          [
            { name: "raw", run: () => timeCalls(calls, () => rawCall(wire, dispatcher)) },
            { name: "execute", run: () => timeCalls(calls, () => harvest.execute("time_entries", c.action, c.params)) },
          ],
          { label: c.label, rounds: bench.quick ? 3 : 30, warmup: 2 },
        );
        for (const [measure, suffix] of [["wall", ""], ["cpu", " (client CPU)"]]) {
          const raw = bench.add({ name: `${c.label}: raw undici.request${suffix}`, unit: "µs/call", samples: samples.raw.map((s) => s[measure]) });
          const target = measure === "wall" ? TARGET : undefined;
          bench.add({ name: `${c.label}: connect().execute${suffix}`, unit: "µs/call", samples: samples.execute.map((s) => s[measure]), baseline: raw, target });
        }
      }
      bench.note("each round times a batch of calls in a row on each side (A B A B ...); ratio = median of the rounds' execute/raw ratios; two warm-up rounds are dropped");
      bench.note("client CPU: this process's user + system time per call, which other processes on the machine disturb less than wall time");
    } finally {
      await dispatcher.close();
      await upstream.stop();
    }
  },
};
