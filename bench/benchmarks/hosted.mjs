/**
 * 6. Hosted API: executes per second and p50/p99 latency of time_entries.get through `connectors serve` (SQLite and
 * PostgreSQL) at 1, 16 and 64 concurrent clients, against the same calls made straight through connect().execute,
 * all on the loopback upstream. The clients run in one forked process, each server in its own.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { CREDENTIALS } from "../lib/harvest.mjs";
import { benchDir, cliPath, startNode, startUpstream, tempDir } from "../lib/processes.mjs";
import { freshSchema } from "../lib/postgres.mjs";
import { percentile } from "../lib/stats.mjs";

const ADMIN_TOKEN = randomBytes(24).toString("hex");
const CONCURRENCY = [1, 16, 64];

/** `connectors serve` on a database, with a workspace and a connected Harvest account: where and how to call it. */
async function hostedServer(database, upstream, configDir) {
  const env = {
    CONNECTORS_MASTER_KEY: randomBytes(32).toString("base64"),
    CONNECTORS_ADMIN_TOKEN: ADMIN_TOKEN,
    CONNECTORS_HARVEST_BASE_URL: upstream.baseUrl,
    CONNECTORS_RATE_LIMIT: "off",
    CONNECTORS_RATE_LIMIT_PER_MINUTE: String(1e9),
    CONNECTORS_CONFIG_DIR: configDir,
  };
  const server = await startNode([cliPath, "serve", "--port", "0", "--database", database], { env, readyOnStderr: (line) => /listening on (http:\/\/\S+)/.exec(line)?.[1] });
  const post = async (path, token, body) => {
    const response = await fetch(server.ready + path, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const workspace = await post("/api/v1/workspaces", ADMIN_TOKEN, { name: "bench" });
  const account = await post("/api/v1/integrations/connectors", workspace.token, { connector_type: "harvest", name: "Harvest", user_id: "bench-user", credentials: CREDENTIALS });
  return { stop: server.stop, target: { mode: "hosted", url: `${server.ready}/api/v1/integrations/connectors/${account.id}/execute`, token: workspace.token } };
}

/** The forked load process: run(message) resolves to its answer. */
async function loadProcess() {
  const child = fork(`${benchDir}workers/hosted-load.mjs`, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const run = async (message) => {
    const answered = once(child, "message");
    child.send(message);
    const [answer] = await answered;
    if (answer.error) throw new Error(answer.error);
    return { rate: answer.calls / answer.seconds, p50: percentile(answer.latencies, 50), p99: percentile(answer.latencies, 99) };
  };
  return { run, stop: () => child.kill() };
}

/** Per concurrency: calls per second (hosted as a ratio to the library's) and p50/p99 latency of each. */
function addFigures(bench, concurrency, samples) {
  const of = (mode, key) => samples[mode].map((s) => s[key]);
  const library = bench.add({ name: `${concurrency} clients: library calls per second`, unit: "calls/s", samples: of("library", "rate") });
  for (const mode of Object.keys(samples).filter((m) => m !== "library")) {
    const target = concurrency === 64 ? { of: "ratio", atLeast: 0.5 } : undefined;
    bench.add({ name: `${concurrency} clients: hosted ${mode} calls per second`, unit: "calls/s", samples: of(mode, "rate"), baseline: library, target });
  }
  for (const mode of Object.keys(samples))
    for (const p of ["p50", "p99"]) {
      const target = concurrency === 16 && mode === "sqlite" && p === "p99" ? { of: "median", atMost: 50 } : undefined;
      bench.add({ name: `${concurrency} clients: ${mode === "library" ? "library" : `hosted ${mode}`} ${p} latency`, unit: "ms", samples: of(mode, p), target });
    }
}

export default {
  name: "hosted",
  title: "the hosted execute API (`connectors serve`, SQLite and PostgreSQL) against direct library calls, same upstream",
  async run(bench) {
    const upstream = await startUpstream();
    const configDir = tempDir("bench-hosted-");
    const postgres = await freshSchema();
    const stops = [upstream.stop, configDir.remove];
    try {
      const load = await loadProcess();
      stops.unshift(load.stop);
      const targets = { library: { mode: "library", baseUrl: upstream.baseUrl } };
      const sqlite = await hostedServer(`sqlite:${join(configDir.path, "connectors.db")}`, upstream, configDir.path);
      stops.unshift(sqlite.stop);
      targets.sqlite = sqlite.target;
      if (postgres) {
        const server = await hostedServer(postgres.database, upstream, configDir.path);
        stops.unshift(server.stop, postgres.drop);
        targets.postgres = server.target;
      } else bench.note("PostgreSQL is not reachable at 127.0.0.1:5432/test: no PostgreSQL figures");
      const ms = bench.quick ? 500 : 2000;
      for (const concurrency of CONCURRENCY) {
        const variants = Object.entries(targets).map(([name, target]) => ({ name, run: () => load.run({ target, concurrency, ms, warmupMs: 300 }) }));
        addFigures(bench, concurrency, await bench.interleave(variants, { label: `${concurrency} clients`, rounds: bench.quick ? 1 : 3, warmup: 1 }));
      }
      bench.note(`each round: every client calls time_entries.get in a loop for ${ms / 1000} s after 0.3 s uncounted; rate = calls finished in the window per second; latency percentiles of the round, median over rounds`);
    } finally {
      for (const stop of stops) await stop();
    }
  },
};
