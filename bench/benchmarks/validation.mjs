/**
 * 2. Validation and request building alone (no network): µs per call of the runtime's own per-call steps, for a
 * simple action (time_entries.get) and a complex one (invoices.create with line items): checkParams (coercion and
 * the compiled JSON Schema), prepareCall (credentials, auth headers, limits) and buildRequest (URL, query, body,
 * headers), each alone and the three in a row.
 */
import { connect } from "../../dist/index.js";
import { resolveEndpoints } from "../../dist/runtime/endpoints.js";
import { checkParams } from "../../dist/runtime/params.js";
import { buildRequest } from "../../dist/runtime/request.js";
import { prepareCall } from "../../dist/runtime/send.js";
import { CREDENTIALS } from "../lib/harvest.mjs";
import { timeSyncCalls } from "../lib/timing.mjs";

const SEND = { timeoutMs: 30_000, retries: 3, backoffBaseMs: 250, backoffMaxMs: 8000, maxRetryAfterMs: 120_000 };
const lineItem = (i) => ({ kind: "Service", description: `Design and build, phase ${i}`, quantity: i + 1, unit_price: 1200.5, taxed: i % 2 === 0, project_id: 14307905 });
const ACTIONS = [
  { label: "time_entries.get", entity: "time_entries", action: "get", params: { id: "636767416" } },
  {
    label: "invoices.create (5 line items)",
    entity: "invoices",
    action: "create",
    params: { client_id: 5735774, subject: "Website relaunch, June 2026", issue_date: "2026-07-01", payment_term: "net 30", currency: "USD", notes: "Thank you", line_items: [0, 1, 2, 3, 4].map(lineItem) },
  },
];

async function stepsFor(connector, endpoints, { entity, action, params }) {
  const plan = connector.plan(entity, action);
  const checked = checkParams(plan, connector.name, params);
  const call = await prepareCall(connector.manifest, plan, endpoints, "default", SEND);
  const build = (values, c) => buildRequest(plan, values, c.baseUrl, c.headers, c.staticAuth);
  return {
    validate: () => checkParams(plan, connector.name, params),
    prepare: () => prepareCall(connector.manifest, plan, endpoints, "default", SEND),
    build: () => build(checked, call),
    all: () => build(checkParams(plan, connector.name, params), prepareCall(connector.manifest, plan, endpoints, "default", SEND)),
  };
}

export default {
  name: "validation",
  title: "validation and request building alone, no network: the runtime's per-call steps",
  async run(bench) {
    const connector = connect("harvest", { baseUrl: "http://127.0.0.1:9/v2", rateLimit: false, credentials: CREDENTIALS });
    const endpoints = await resolveEndpoints(connector.manifest, { baseUrl: "http://127.0.0.1:9/v2", rateLimit: false, credentials: CREDENTIALS });
    const count = bench.quick ? 2000 : 20_000;
    const variants = [];
    for (const spec of ACTIONS) {
      const steps = await stepsFor(connector, endpoints, spec);
      for (const [step, fn] of Object.entries(steps)) variants.push({ name: `${spec.label}: ${step}`, run: async () => timeSyncCalls(count, fn) });
    }
    const samples = await bench.interleave(variants, { rounds: bench.quick ? 3 : 12, warmup: 2 });
    const labels = { validate: "checkParams", prepare: "prepareCall", build: "buildRequest", all: "all three" };
    for (const { name } of variants) {
      const [action, step] = name.split(": ");
      bench.add({ name: `${action}: ${labels[step]}`, unit: "µs/call", samples: samples[name] });
    }
    bench.note("prepareCall with a static credential record (the library's connect({ credentials })), no pacing; buildRequest with the auth headers it prepared");
  },
};
