// Per-call overhead of connector.execute against raw undici.request on the same loopback server.
// Goal (issue: core runtime): at most 1.15x raw undici's time per call. Run with `npm run bench` after `npm ci`.
import { createServer } from "node:http";
import { Agent, request } from "undici";
import { connect } from "agent-connectors";

const CALLS = Number(process.env.BENCH_CALLS ?? 5000);
const ROUNDS = 5;
const body = JSON.stringify({ id: 42, spent_date: "2026-06-01", hours: 1.5, notes: "Bench", project: { id: 1, name: "P" } });
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "x-request-id": "bench" }).end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}/v2`;
const dispatcher = new Agent({ connections: 8 });

const headers = { authorization: "Bearer bench-token", "harvest-account-id": "1", "user-agent": "bench", accept: "application/json" };
async function raw() {
  const res = await request(`${base}/time_entries/42`, { method: "GET", headers, dispatcher });
  return JSON.parse(await res.body.text());
}
const harvest = connect("harvest", { baseUrl: base, dispatcher, rateLimit: false, credentials: { token: "bench-token", account_id: "1" } });
const viaConnector = () => harvest.execute("time_entries", "get", { id: 42 });

async function timeOf(fn) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await fn();
  return Number(process.hrtime.bigint() - started) / 1e6 / CALLS;
}

await timeOf(raw);
await timeOf(viaConnector); // warm-up: JIT, connections, compiled validator
const rawTimes = [];
const connectorTimes = [];
for (let round = 0; round < ROUNDS; round++) {
  rawTimes.push(await timeOf(raw));
  connectorTimes.push(await timeOf(viaConnector));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r = median(rawTimes);
const c = median(connectorTimes);
console.log(`raw undici.request   ${(r * 1000).toFixed(1)} µs/call`);
console.log(`connector.execute    ${(c * 1000).toFixed(1)} µs/call`);
console.log(`ratio                ${(c / r).toFixed(3)}x (goal <= 1.15x)`);
server.close();
await dispatcher.close();
