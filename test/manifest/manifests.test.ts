/** ONE suite, run against every manifest in connectors/: whatever a connector declares must hold together. */
import { describe, expect, it } from "vitest";
import { loadManifestFile } from "../../src/manifest/loader.js";
import { listConnectorNames, manifestPath } from "../../src/manifest/registry.js";
import { pathPlaceholders } from "../../src/manifest/resolve.js";
import { compilePlan } from "../../src/runtime/plan.js";
import { checkParams } from "../../src/runtime/params.js";

const names = listConnectorNames();

it("finds the bundled connectors", () => {
  expect(names).toContain("harvest");
});

describe.each(names)("connector %s", (name) => {
  const manifest = loadManifestFile(manifestPath(name));
  const actions = Object.entries(manifest.entities).flatMap(([entity, e]) =>
    Object.entries(e.actions).map(([action, spec]) => ({ entity, action, spec })),
  );

  it("is valid against the meta-schema and its cross-reference checks", () => {
    expect(manifest.name).toBe(name);
    expect(actions.length).toBeGreaterThan(0);
  });

  it("declares env variables for every credential field", () => {
    for (const variant of Object.values(manifest.auth))
      for (const [field, spec] of Object.entries(variant.fields)) expect(spec.env, field).toMatch(/^[A-Z][A-Z0-9_]+$/);
  });

  it.each(actions.map((a) => [`${a.entity}.${a.action}`, a] as const))("%s compiles, names its path params and has a valid example", (_, a) => {
    const plan = compilePlan(manifest, a.entity, a.action, a.spec);
    expect(plan.path.map((p) => p.name).sort()).toEqual(pathPlaceholders(a.spec.path).sort());
    for (const p of plan.path) expect(plan.schema.required).toContain(p.name);
    expect(() => checkParams(plan, name, a.spec.example.params)).not.toThrow();
    expect(a.spec.description).not.toMatch(/\n/);
    if (plan.pagination) expect(a.spec.records).toBeTruthy();
    if (a.spec.method !== "GET") expect(plan.readOnly).toBe(false);
  });

  it("has unique method + path pairs", () => {
    const seen = new Set<string>();
    for (const a of actions) {
      const key = `${a.spec.host ?? ""} ${a.spec.method} ${a.spec.path}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });
});
