/**
 * A process making calls under client-side pacing: `pacing-client.mjs CALLS CONCURRENCY [DATABASE]`. The connector
 * reads its base URL, credentials and limit (CONNECTORS_HARVEST_RATE_LIMIT) from the environment; with a PostgreSQL
 * DATABASE it shares its rate window through the server's coordinator. Prints {"ready":true}, waits for a line on
 * stdin, then makes the calls and prints {"calls", "ms", "statuses"}: how many answers of each HTTP status it got
 * (a 429 is retried, so it shows here and not in the calls).
 */
import { once } from "node:events";
import { Agent } from "undici";
import { connect } from "../../dist/index.js";
import { openCoordinator } from "../../dist/server/coordination/index.js";

const [calls, concurrency, database] = process.argv.slice(2);
const statuses = {};
const count = (status) => (statuses[status] = (statuses[status] ?? 0) + 1);
/** Sees each answer's status on its way to the runtime, whichever handler interface undici hands it. */
const countStatuses = (dispatch) => (options, handler) =>
  dispatch(
    options,
    new Proxy(handler, {
      get(target, name) {
        const value = target[name];
        if (typeof value !== "function") return value;
        if (name === "onHeaders") return (status, ...rest) => (count(status), value.call(target, status, ...rest));
        if (name === "onResponseStart") return (controller, status, ...rest) => (count(status), value.call(target, controller, status, ...rest));
        return value.bind(target);
      },
    }),
  );
const dispatcher = new Agent().compose(countStatuses);
const coordinator = database ? await openCoordinator(database) : undefined;
const harvest = connect("harvest", { coordinator, dispatcher });
await harvest.execute("company", "get"); // connection and validator ready; the sandbox counts it (see pacing.mjs)
for (const status of Object.keys(statuses)) delete statuses[status];
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
console.log(JSON.stringify({ calls: Number(calls), ms: performance.now() - started, statuses }));
await coordinator?.close();
process.exit(0);
