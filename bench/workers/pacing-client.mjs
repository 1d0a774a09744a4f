/**
 * A process making calls under client-side pacing: `pacing-client.mjs CALLS CONCURRENCY [DATABASE]`. The connector
 * reads its base URL, credentials and limit (CONNECTORS_HARVEST_RATE_LIMIT) from the environment; with a PostgreSQL
 * DATABASE it shares its rate window through the server's coordinator. Prints {"ready":true}, waits for a line on
 * stdin, then makes the calls and prints {"calls", "ms"}.
 */
import { once } from "node:events";
import { connect } from "../../dist/index.js";
import { openCoordinator } from "../../dist/server/coordination/index.js";

const [calls, concurrency, database] = process.argv.slice(2);
const coordinator = database ? await openCoordinator(database) : undefined;
const harvest = connect("harvest", { coordinator });
await harvest.execute("company", "get"); // connection and validator ready; the sandbox counts it (see pacing.mjs)
console.log(JSON.stringify({ ready: true }));
await once(process.stdin, "data");

let next = 0;
const worker = async () => {
  while (next < Number(calls)) {
    next++;
    await harvest.execute("users", "me");
  }
};
const started = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
console.log(JSON.stringify({ calls: Number(calls), ms: performance.now() - started }));
await coordinator?.close();
process.exit(0);
