/** Every Harvest field the manifest lets `update` clear is cleared by sending null, end to end on the sandbox. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connector } from "../../src/index.js";
import { createAjv } from "../../src/manifest/ajv.js";
import { loadManifestFile } from "../../src/manifest/loader.js";
import { recordJsonSchema } from "../../src/manifest/records.js";
import { manifestPath } from "../../src/manifest/registry.js";
import { resolveParams } from "../../src/manifest/resolve.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

const manifest = loadManifestFile(manifestPath("harvest"));
let sandbox: SandboxServer;
let harvest: Connector;

// Three requests a field: without rate limits, so no test waits out Harvest's 100 per 15 s.
beforeAll(async () => {
  sandbox = await startSandbox({ harvest: { rateLimit: false } });
  const info = sandbox.connectors.harvest!;
  harvest = connect("harvest", { baseUrl: info.baseUrl, credentials: info.credentials.personal_access_token, rateLimit: false });
});
afterAll(() => sandbox.close());

/** [entity, field, a value to set first (so clearing shows), where the record shows it when not the field itself]. */
const CLEARABLE: [entity: string, field: string, value: unknown, shownAs?: string][] = [
  ["projects", "budget", 250],
  ["projects", "cost_budget", 9000],
  ["projects", "fee", 15000],
  ["projects", "hourly_rate", 120],
  ["projects", "over_budget_notification_percentage", 75],
  ["projects", "starts_on", "2026-07-01"],
  ["projects", "ends_on", "2026-12-31"],
  ["projects", "code", "WR-26"],
  ["projects", "notes", "Phase two"],
  ["invoices", "tax", 10],
  ["invoices", "tax2", 5],
  ["invoices", "discount", 7.5],
  ["invoices", "due_date", "2026-08-15"],
  ["invoices", "estimate_id", 1439932, "estimate"],
  ["invoices", "retainer_id", 4242, "retainer"],
  ["invoices", "purchase_order", "PO-77"],
  ["invoices", "subject", "June work"],
  ["invoices", "notes", "Thank you"],
  ["estimates", "tax", 10],
  ["estimates", "tax2", 5],
  ["estimates", "discount", 7.5],
  ["estimates", "purchase_order", "PO-78"],
  ["estimates", "subject", "Phase two"],
  ["estimates", "notes", "Valid 30 days"],
  ["estimates", "issue_date", "2026-07-01"],
  ["project_task_assignments", "budget", 40],
  ["project_task_assignments", "hourly_rate", 110],
  ["project_user_assignments", "budget", 50],
  ["project_user_assignments", "hourly_rate", 130],
  ["expense_categories", "unit_price", 0.8],
  ["expense_categories", "unit_name", "km"],
  ["tasks", "default_hourly_rate", 95],
  ["clients", "address", "1 Quay Street"],
  ["contacts", "title", "CFO"],
  ["contacts", "last_name", "Buchanan"],
  ["contacts", "email", "steven@example.com"],
  ["contacts", "phone_office", "+44 20 7946 0000"],
  ["contacts", "phone_mobile", "+44 7700 900123"],
  ["contacts", "fax", "+44 20 7946 0001"],
  ["expenses", "notes", "Taxi"],
  ["time_entries", "notes", "Wireframes"],
  ["time_entries", "external_reference", { id: "42", permalink: "https://example.com/issues/42" }],
];

/** The update actions' body params whose type allows null: what the manifest says can be cleared. */
function nullableUpdateFields(): string[] {
  return Object.entries(manifest.entities).flatMap(([entity, e]) => {
    const update = e.actions.update;
    if (!update) return [];
    return Object.entries(resolveParams(manifest, update))
      .filter(([, spec]) => spec.in === "body" && [spec.type].flat().includes("null"))
      .map(([field]) => `${entity}.${field}`);
  });
}

/** The ids an entity's update example names (path params), so get finds the same record. */
function idsOf(entity: string): Record<string, unknown> {
  const update = manifest.entities[entity]!.actions.update!;
  const path = Object.entries(resolveParams(manifest, update)).filter(([, spec]) => spec.in === "path");
  return Object.fromEntries(path.map(([name]) => [name, update.example.params[name]]));
}

const ajv = createAjv();

describe("clearing a field with null through update", () => {
  it("covers every nullable field of every update action", () => {
    expect(CLEARABLE.map(([entity, field]) => `${entity}.${field}`).sort()).toEqual(nullableUpdateFields().sort());
  });

  it.each(CLEARABLE)("%s.%s", async (entity, field, value, shownAs = field) => {
    const ids = idsOf(entity);
    // A custom due date needs the custom payment term.
    const extra = entity === "invoices" && field === "due_date" ? { payment_term: "custom" } : {};
    const set = await harvest.execute(entity, "update", { ...ids, ...extra, [field]: value });
    expect((set.data as Record<string, unknown>)[shownAs]).not.toBeNull();
    const cleared = await harvest.execute(entity, "update", { ...ids, [field]: null });
    expect((cleared.data as Record<string, unknown>)[shownAs]).toBeNull();
    const read = await harvest.execute(entity, "get", ids);
    expect((read.data as Record<string, unknown>)[shownAs]).toBeNull();
    const schema = manifest.entities[entity]!.actions.get!.returns!;
    const validate = ajv.compile(recordJsonSchema(manifest, schema));
    expect(validate(read.data), JSON.stringify(validate.errors)).toBe(true);
  });
});
