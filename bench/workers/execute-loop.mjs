/**
 * The connector loop alone, for profiling (bench/profile.mjs): `execute-loop.mjs get|list [calls] [raw]` runs that
 * many time_entries calls through connect().execute (or, with `raw`, the same wire requests through undici.request)
 * against the loopback upstream, after a warm-up, and prints µs per call.
 */
import { Agent } from "undici";
import { startUpstream } from "../lib/processes.mjs";
import { harvestOn, rawCall, wireRequestOf } from "../lib/harvest.mjs";

const PARAMS = { get: { id: 636767416 }, list: { per_page: 100 } };
const [action = "get", calls = "20000", side = "execute"] = process.argv.slice(2);
if (!PARAMS[action]) throw new Error(`action must be one of ${Object.keys(PARAMS).join(", ")}`);

const upstream = await startUpstream();
const dispatcher = new Agent({ connections: 4 });
const harvest = harvestOn(upstream.baseUrl, dispatcher);
const wire = await wireRequestOf(upstream.baseUrl, dispatcher, "time_entries", action, PARAMS[action]);
const call = side === "raw" ? () => rawCall(wire, dispatcher) : () => harvest.execute("time_entries", action, PARAMS[action]);
for (let i = 0; i < 500; i++) await call();
const started = performance.now();
for (let i = 0; i < Number(calls); i++) await call();
console.log(`${action} ${side}: ${(((performance.now() - started) * 1000) / Number(calls)).toFixed(1)} µs/call over ${calls} calls`);
await dispatcher.close();
await upstream.stop();
