/**
 * Load for the hosted API benchmark, forked with an IPC channel. Each message runs one measurement and answers with
 * {calls, seconds, latencies}: `concurrency` clients call time_entries.get one after another for `ms` (after a
 * `warmupMs` whose calls are not counted), either through the hosted API (POST .../execute with a workspace token)
 * or straight through connect().execute on the upstream.
 */
import { Agent, request } from "undici";
import { harvestOn } from "../lib/harvest.mjs";

const PARAMS = { id: 636767416 };
const dispatcher = new Agent();
const connectors = new Map();

function callerFor(target) {
  if (target.mode === "library") {
    if (!connectors.has(target.baseUrl)) connectors.set(target.baseUrl, harvestOn(target.baseUrl, dispatcher));
    const harvest = connectors.get(target.baseUrl);
    return () => harvest.execute("time_entries", "get", PARAMS);
  }
  const body = JSON.stringify({ entity: "time_entries", action: "get", params: PARAMS });
  const headers = { authorization: `Bearer ${target.token}`, "content-type": "application/json" };
  return async () => {
    const response = await request(target.url, { method: "POST", headers, body, dispatcher });
    const answer = await response.body.json();
    if (response.statusCode !== 200) throw new Error(`hosted execute answered ${response.statusCode}: ${JSON.stringify(answer)}`);
    return answer;
  };
}

async function measure({ target, concurrency, ms, warmupMs }) {
  const call = callerFor(target);
  const started = performance.now();
  const countFrom = started + warmupMs;
  const endAt = countFrom + ms;
  const latencies = [];
  const client = async () => {
    for (let now = performance.now(); now < endAt; now = performance.now()) {
      await call();
      const done = performance.now();
      if (now >= countFrom && done <= endAt) latencies.push(done - now);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { calls: latencies.length, seconds: ms / 1000, latencies };
}

process.on("message", (message) =>
  measure(message).then(
    (result) => process.send(result),
    (error) => process.send({ error: error.stack ?? String(error) }),
  ),
);
