/**
 * The walk a model makes: call the tool, read its text, follow meta.cursor until there is none. Over every read-only
 * list action of the Harvest sandbox (each with its declared example's params), with limit 7, with fields, and with a
 * 5,000-character cap, it must yield every record a direct `all: true` walk yields, each exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/index.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandbox({ harvest: { rateLimit: false, reportsRateLimit: false } });
});
afterAll(() => sandbox.close());

const harvest = () => {
  const info = sandbox.connectors.harvest!;
  return connect("harvest", { baseUrl: info.baseUrl, hosts: info.hosts, credentials: info.credentials.personal_access_token, rateLimit: false });
};

const manifest = connect("harvest").manifest;
const LISTS = Object.entries(manifest.entities).flatMap(([entity, e]) =>
  Object.entries(e.actions)
    .filter(([action, spec]) => spec.pagination && connect("harvest").plan(entity, action).readOnly)
    .map(([action, spec]) => ({ name: `${entity}.${action}`, entity, action, params: spec.example.params })),
);

interface ToolText {
  meta: { cursor?: string; has_more?: boolean; next?: unknown };
  data: unknown[];
  note?: string;
}

/** What the model does: the first call, then every meta.cursor the text gives, until none. */
async function walkAsAModel(
  call: (args: Record<string, unknown>) => Promise<string>,
  first: Record<string, unknown>,
  rest: Record<string, unknown> = {},
  identity: (record: unknown) => string = (record) => JSON.stringify(record),
) {
  const seen: string[] = [];
  let result = JSON.parse(await call(first)) as ToolText;
  for (let calls = 1; ; calls++) {
    expect(result.meta).not.toHaveProperty("next");
    seen.push(...result.data.map(identity));
    if (!result.meta.cursor) break;
    expect(calls).toBeLessThan(1_000);
    result = JSON.parse(await call({ cursor: result.meta.cursor, ...rest })) as ToolText;
  }
  return seen;
}

const truth = async (entity: string, action: string, params: Record<string, unknown>, fields?: string[], identity = (record: unknown) => JSON.stringify(record)) =>
  ((await harvest().execute(entity, action, params, { all: true, fields })).data as unknown[]).map(identity);

/** Records by id where they have one (a record longer than the cap comes with fields left out), whole otherwise. */
const byId = (record: unknown) => {
  const { id } = record as { id?: unknown };
  return id === undefined ? JSON.stringify(record) : `id ${String(id)}`;
};

describe.each(LISTS)("$name through the agent tool", ({ entity, action, params }) => {
  it("gives every record exactly once following cursors with limit 7", async () => {
    const tool = harvest().tool();
    const call = async (args: Record<string, unknown>) => (await tool.run({ entity, action, ...args })).text;
    const seen = await walkAsAModel(call, { params, limit: 7 }, { limit: 7 });
    expect(seen).toEqual(await truth(entity, action, params));
  });

  it("gives every record exactly once with fields, in agent-sized pages", async () => {
    const tool = harvest().tool();
    const fields = Object.keys(((await harvest().execute(entity, action, params, { limit: 1 })).data as object[])[0] ?? { id: 0 }).slice(0, 2);
    const call = async (args: Record<string, unknown>) => (await tool.run({ entity, action, fields, ...args })).text;
    const seen = await walkAsAModel(call, { params });
    expect(seen).toEqual(await truth(entity, action, params, fields));
  });

  it("gives every record exactly once when results are cut at 5,000 characters", async () => {
    const tool = harvest().tool({ maxResultChars: 5_000 });
    const call = async (args: Record<string, unknown>) => {
      const { text } = await tool.run({ entity, action, ...args });
      expect(text.length).toBeLessThanOrEqual(5_000);
      return text;
    };
    const seen = await walkAsAModel(call, { params }, {}, byId);
    expect(seen).toEqual(await truth(entity, action, params, undefined, byId));
  });
});

it("covers every read-only list of the connector", () => {
  expect(LISTS.length).toBeGreaterThanOrEqual(30);
  expect(LISTS.map((l) => `${l.entity}.${l.action}`)).toEqual(expect.arrayContaining(["time_entries.list", "reports.time_by_client", "project_assignments.mine"]));
});
