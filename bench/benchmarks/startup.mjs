/**
 * 4. Start-up: the built CLI's `describe harvest --json` and a sandbox `execute harvest users me --sandbox`
 * (which starts the embedded sandbox in the process) against bare `node -e 0`, each run to its end, in turn.
 * The same execute against the loopback upstream (no sandbox in the process) shows what the sandbox itself costs.
 */
import { ENV_CREDENTIALS } from "../lib/harvest.mjs";
import { cliPath, runNode, startUpstream, tempDir } from "../lib/processes.mjs";

const COMMANDS = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "connectors describe harvest --json", args: [cliPath, "describe", "harvest", "--json"], target: true },
  { name: "connectors execute harvest users me --sandbox", args: [cliPath, "execute", "harvest", "users", "me", "--sandbox"], target: true },
  { name: "connectors execute harvest time_entries get (upstream)", args: [cliPath, "execute", "harvest", "time_entries", "get", "-p", "id=42"] },
];

export default {
  name: "startup",
  title: "start-up of the built CLI against bare `node -e 0`",
  async run(bench) {
    const configDir = tempDir("bench-cli-");
    const upstream = await startUpstream();
    try {
      const env = { ...ENV_CREDENTIALS, CONNECTORS_HARVEST_BASE_URL: upstream.baseUrl, CONNECTORS_CONFIG_DIR: configDir.path };
      const samples = await bench.interleave(
        COMMANDS.map(({ name, args }) => ({ name, run: async () => (await runNode(args, { env })).ms })),
        { rounds: bench.quick ? 3 : 15, warmup: 2 },
      );
      const [base, ...others] = COMMANDS;
      bench.add({ name: base.name, unit: "ms", samples: samples[base.name] });
      for (const { name, target } of others)
        bench.add({ name, unit: "ms", samples: samples[name], baseline: { name: base.name, samples: samples[base.name] }, target: target ? { of: "ratio", atMost: 2 } : undefined });
      bench.note("wall time from spawn to exit, stdout read by the bench; the first two rounds (cold file cache) are dropped");
    } finally {
      await upstream.stop();
      configDir.remove();
    }
  },
};
