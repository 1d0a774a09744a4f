/**
 * 7. Agent and MCP: the size of each connector's agent tool description, and the stdio round trip of
 * time_entries.get through `connectors mcp harvest` (the built CLI, a FastMCP server), through a minimal plain-SDK
 * MCP server wrapping execute (workers/plain-mcp-server.mjs), and as a direct execute, side by side; both servers are
 * driven by the official SDK client over StdioClientTransport, against the loopback upstream.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { Agent } from "undici";
import { connect } from "../../dist/index.js";
import { ENV_CREDENTIALS, harvestOn } from "../lib/harvest.mjs";
import { benchDir, cliPath, startUpstream, tempDir } from "../lib/processes.mjs";
import { timeCalls } from "../lib/timing.mjs";

const CALL = { name: "harvest_execute", arguments: { entity: "time_entries", action: "get", params: { id: 636767416 } } };

/** An SDK client on a server started as `node args...`; call() is one tools/call, checked. */
async function mcpClient(args, env) {
  const client = new Client({ name: "agent-connectors-bench", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: process.execPath, args, env, stderr: "ignore" }));
  const call = async () => {
    const result = await client.callTool(CALL);
    if (result.isError || !result.content[0]?.text.includes("636767416")) throw new Error(`the tool call failed: ${JSON.stringify(result).slice(0, 500)}`);
  };
  return { call, close: () => client.close() };
}

/** ms per call over `calls` calls in a row. */
const msPerCall = async (calls, fn) => (await timeCalls(calls, fn)).wall / 1000;

function addDescriptionSizes(bench) {
  for (const name of ["harvest", "harvestapi"]) {
    const tool = connect(name).tool();
    bench.add({ name: `${name}: tool description`, unit: "chars", samples: [tool.description.length] });
    bench.add({ name: `${name}: tool input schema (JSON)`, unit: "chars", samples: [JSON.stringify(tool.inputSchema).length] });
  }
}

export default {
  name: "agent",
  title: "agent tool sizes, and the MCP stdio round trip of time_entries.get: connectors mcp vs a plain-SDK server vs direct execute",
  async run(bench) {
    addDescriptionSizes(bench);
    const upstream = await startUpstream();
    const configDir = tempDir("bench-mcp-");
    const env = { ...process.env, ...ENV_CREDENTIALS, CONNECTORS_HARVEST_BASE_URL: upstream.baseUrl, CONNECTORS_RATE_LIMIT: "off", CONNECTORS_CONFIG_DIR: configDir.path };
    const dispatcher = new Agent();
    const stops = [() => dispatcher.close(), upstream.stop, configDir.remove];
    try {
      const connectors = await mcpClient([cliPath, "mcp", "harvest"], env);
      stops.unshift(connectors.close);
      const plain = await mcpClient([`${benchDir}workers/plain-mcp-server.mjs`], env);
      stops.unshift(plain.close);
      const harvest = harvestOn(upstream.baseUrl, dispatcher);
      const calls = bench.quick ? 20 : 200;
      const samples = await bench.interleave(
        [
          { name: "direct", run: () => msPerCall(calls, () => harvest.execute("time_entries", "get", CALL.arguments.params)) },
          { name: "plain", run: () => msPerCall(calls, plain.call) },
          { name: "connectors", run: () => msPerCall(calls, connectors.call) },
        ],
        { label: "MCP round trip", rounds: bench.quick ? 3 : 10, warmup: 2 },
      );
      const direct = bench.add({ name: "time_entries.get: direct execute", unit: "ms/call", samples: samples.direct });
      const plainFigure = bench.add({ name: "time_entries.get: plain-SDK MCP server (stdio)", unit: "ms/call", samples: samples.plain, baseline: { name: direct.name, samples: direct.samples } });
      bench.add({ name: "time_entries.get: connectors mcp harvest (stdio)", unit: "ms/call", samples: samples.connectors, baseline: { name: plainFigure.name, samples: plainFigure.samples }, target: { of: "ratio", atMost: 1.2 } });
      bench.note("the connectors mcp ratio is to the plain-SDK server; the plain server's ratio is to a direct execute in the bench process");
    } finally {
      for (const stop of stops) await stop();
    }
  },
};
