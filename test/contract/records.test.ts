/**
 * Contract: every sandbox answer keeps to the manifest's record schemas. For each connector, each GET action's
 * example runs against its sandbox and every record it gives validates (no required field missing, no wrong type,
 * no field the schema does not list), so the types codegen makes from the schemas hold for what the API sends.
 */
import { describe, expect, it } from "vitest";
import { connect } from "../../src/index.js";
import { createAjv } from "../../src/manifest/ajv.js";
import { listConnectorNames } from "../../src/manifest/registry.js";
import { recordJsonSchema } from "../../src/manifest/records.js";

const ajv = createAjv();

describe.each(listConnectorNames())("%s records", (name) => {
  const connector = connect(name, { sandbox: true });
  const { manifest } = connector;
  const reads = Object.entries(manifest.entities).flatMap(([entity, e]) =>
    Object.entries(e.actions)
      .filter(([, spec]) => spec.method === "GET")
      .map(([action, spec]) => ({ call: `${entity}.${action}`, entity, action, spec })),
  );

  it.each(reads)("$call: the example's records validate against its schema", async ({ entity, action, spec }) => {
    expect(spec.returns, "a GET action names its record schema").toBeDefined();
    const validate = ajv.compile(recordJsonSchema(manifest, spec.returns!, { closed: true }));
    const { data } = await connector.execute(entity, action, spec.example.params);
    const records = spec.records ? (data as unknown[]) : [data];
    // An empty list would check nothing: every example is chosen to find records in the sandbox.
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(validate(record) ? [] : validate.errors, JSON.stringify(record).slice(0, 200)).toEqual([]);
  });
});
