// Per-call overhead of connector.execute against raw undici.request on the same loopback server.
// The server runs in a child process so only client-side work is compared.
// Goal (core runtime issue): at most 1.15x raw undici's time per call. Run with `npm run bench` after `npm ci`.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { Agent, request } from "undici";
import { connect } from "agent-connectors";

const CALLS = Number(process.env.BENCH_CALLS ?? 5000);
const ROUNDS = 7;

const serverCode = `
const body = JSON.stringify({ id: 42, spent_date: "2026-06-01", hours: 1.5, notes: "Bench", project: { id: 1, name: "P" } });
const server = require("node:http").createServer((req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "x-request-id": "bench" }).end(body);
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;
const child = spawn(process.execPath, ["-e", serverCode], { stdio: ["ignore", "pipe", "inherit"] });
const [port] = await once(child.stdout, "data");
const base = `http://127.0.0.1:${String(port).trim()}/v2`;
const dispatcher = new Agent({ connections: 4 });

const harvest = connect("harvest", { baseUrl: base, dispatcher, rateLimit: false, credentials: { token: "bench-token", account_id: "1" } });
// The same bytes on the wire as the connector sends: the manifest's default headers plus the two auth headers.
const headers = { ...harvest.manifest.headers, Authorization: "Bearer bench-token", "Harvest-Account-Id": "1" };
async function raw() {
  const res = await request(`${base}/time_entries/42`, { method: "GET", headers, dispatcher });
  return JSON.parse(await res.body.text());
}
const viaConnector = () => harvest.execute("time_entries", "get", { id: 42 });

async function timeOf(fn) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await fn();
  return Number(process.hrtime.bigint() - started) / 1e3 / CALLS;
}

// Warm-up: JIT, connections, the compiled validator.
await timeOf(raw);
await timeOf(viaConnector);
const rawTimes = [];
const connectorTimes = [];
for (let round = 0; round < ROUNDS; round++) {
  rawTimes.push(await timeOf(raw));
  connectorTimes.push(await timeOf(viaConnector));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r = median(rawTimes);
const c = median(connectorTimes);
console.log(`raw undici.request   ${r.toFixed(1)} µs/call (median of ${ROUNDS} rounds of ${CALLS})`);
console.log(`connector.execute    ${c.toFixed(1)} µs/call`);
console.log(`ratio                ${(c / r).toFixed(3)}x (goal <= 1.15x)`);
child.kill();
await dispatcher.close();
