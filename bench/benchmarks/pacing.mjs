/**
 * 5. Pacing: 300 calls against the sandbox enforcing a scaled-down Harvest limit (20 requests per 2 s, per token),
 * with the connector paced at the same limit (CONNECTORS_HARVEST_RATE_LIMIT=20/2): 429s received and total time
 * against the ideal (the window allows 20 calls, then 20 more each time it moves on). Then the same 300 calls from
 * two processes at once (150 each), sharing their window through the PostgreSQL coordinator.
 */
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { startSandbox } from "../../dist/sandbox/server.js";
import { benchDir, startNode } from "../lib/processes.mjs";
import { freshSchema } from "../lib/postgres.mjs";

const LIMIT = { requests: 20, perSeconds: 2 };
const CALLS = 300;
const CONCURRENCY = 8;
/** The window lets the first `requests` calls go at once, then `requests` more each time it moves on. */
const idealMs = (calls) => (Math.ceil(calls / LIMIT.requests) - 1) * LIMIT.perSeconds * 1000;

/**
 * Starts the clients, lets the window empty, sends them off together: the time until the last one is done, the 429s
 * they received, and the requests the sandbox saw beyond the calls (each 429 is one; anything else would be a retry).
 */
async function paced(sandbox, calls, processes, database) {
  const info = sandbox.connectors.harvest;
  const { token, account_id } = info.credentials.personal_access_token;
  const env = { CONNECTORS_HARVEST_BASE_URL: info.baseUrl, HARVEST_ACCESS_TOKEN: token, HARVEST_ACCOUNT_ID: account_id, CONNECTORS_HARVEST_RATE_LIMIT: `${LIMIT.requests}/${LIMIT.perSeconds}` };
  const args = [`${benchDir}workers/pacing-client.mjs`, String(calls / processes), String(CONCURRENCY), ...(database ? [database] : [])];
  const results = [];
  const clients = await Promise.all(Array.from({ length: processes }, () => startNode(args, { env, onLine: (line) => results.push(JSON.parse(line)) })));
  try {
    // Their first calls (made ready) leave the window before the clock starts.
    await sleep(LIMIT.perSeconds * 1000 + 200);
    const before = sandbox.harvest.stats.requests;
    const started = performance.now();
    const done = clients.map(({ child }) => once(child.stdout, "end"));
    for (const { child } of clients) child.stdin.write("go\n");
    await Promise.all(done);
    const ms = performance.now() - started;
    if (results.length !== processes) throw new Error(`${processes - results.length} pacing client(s) ended without their figures`);
    const rejected = results.reduce((sum, r) => sum + (r.statuses[429] ?? 0), 0);
    return { calls, ms, rejected, extra: sandbox.harvest.stats.requests - before - calls };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
  }
}

function addFigures(bench, label, run) {
  bench.add({ name: `${label}: 429s received`, unit: "count", samples: [run.rejected], target: { of: "median", atMost: 0 } });
  if (run.extra !== run.rejected) bench.note(`${label}: the sandbox saw ${run.extra} requests beyond the calls, for ${run.rejected} 429s`);
  bench.add({ name: `${label}: total time`, unit: "ms", samples: [run.ms], baseline: { name: "ideal", samples: [idealMs(run.calls)] }, target: { of: "ratio", atMost: 1.1 } });
}

export default {
  name: "pacing",
  title: `${CALLS} calls against the sandbox at ${LIMIT.requests} requests per ${LIMIT.perSeconds} s, one process and two sharing the PostgreSQL coordinator`,
  async run(bench) {
    const sandbox = await startSandbox({ harvest: { rateLimit: LIMIT } });
    const calls = bench.quick ? CALLS / 5 : CALLS;
    try {
      bench.progress("one process");
      addFigures(bench, "one process", await paced(sandbox, calls, 1));
      const postgres = await freshSchema();
      if (!postgres) throw new Error("PostgreSQL is not reachable at 127.0.0.1:5432/test: the two-process figures need it");
      try {
        bench.progress("two processes, PostgreSQL coordinator");
        addFigures(bench, "two processes, PostgreSQL coordinator", await paced(sandbox, calls, 2, postgres.database));
      } finally {
        await postgres.drop();
      }
      bench.note(`ideal: ${idealMs(calls) / 1000} s (${calls / LIMIT.requests} windows of ${LIMIT.requests} calls, the first at once); 429s as the clients' dispatchers saw them (each is retried after Retry-After); one run each: pacing is set by the clock, not by the machine`);
    } finally {
      await sandbox.close();
    }
  },
};
