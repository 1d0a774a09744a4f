/**
 * 7 (continued). Code mode against tool calls, on one aggregate question: June's billable hours per client on the
 * in-process Harvest sandbox. As a script (`connector.run`), only the answer goes back to the model; as the tool
 * calls a model would make (time_entries.list with the fields it needs, following meta.cursor to the end), every
 * page's text does. Wall time for the whole answer, and characters returned to the model.
 */
import { connect } from "../../dist/index.js";

const SCRIPT = `
  const { data } = await harvest.time_entries.list({ from: "2026-06-01", to: "2026-06-30" }, { all: true });
  const perClient = {};
  for (const entry of data) if (entry.billable) perClient[entry.client.name] = (perClient[entry.client.name] ?? 0) + entry.hours;
  return perClient;
`;

/** The characters a model reads to answer the question with the execute tool, following cursors. */
async function byToolCalls(harvest) {
  const tool = harvest.tool();
  let args = { entity: "time_entries", action: "list", params: { from: "2026-06-01", to: "2026-06-30" }, fields: ["client.name", "billable", "hours"] };
  let chars = 0;
  for (;;) {
    const { text } = await tool.run(args);
    chars += text.length;
    const { meta } = JSON.parse(text);
    if (!meta.cursor) return chars;
    args = { entity: "time_entries", action: "list", cursor: meta.cursor, fields: args.fields };
  }
}

async function byScript(harvest) {
  const { result } = await harvest.run(SCRIPT);
  return JSON.stringify(result).length;
}

export default {
  name: "code",
  title: "code mode vs tool calls: June's billable hours per client on the in-process Harvest sandbox",
  async run(bench) {
    const harvest = connect("harvest", { sandbox: true, rateLimit: false });
    const chars = { script: 0, tools: 0 };
    const timed = (name, fn) => async () => {
      const started = performance.now();
      chars[name] = await fn(harvest);
      return performance.now() - started;
    };
    const samples = await bench.interleave(
      [
        { name: "tools", run: timed("tools", byToolCalls) },
        { name: "script", run: timed("script", byScript) },
      ],
      { label: "code mode", rounds: bench.quick ? 3 : 12, warmup: 2 },
    );
    const tools = bench.add({ name: "tool calls (list with fields, following cursors): wall time", unit: "ms", samples: samples.tools });
    bench.add({ name: "code-mode script: wall time", unit: "ms", samples: samples.script, baseline: { name: tools.name, samples: tools.samples } });
    bench.add({ name: "tool calls: characters returned to the model", unit: "chars", samples: [chars.tools] });
    bench.add({ name: "code-mode script: characters returned to the model", unit: "chars", samples: [chars.script] });
    bench.note("the model's own work between tool calls (reading each page, adding up) is not counted: the tool-call side is a lower bound");
  },
};
