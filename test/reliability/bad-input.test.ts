/**
 * Property-based fuzzing (fast-check) of what callers and manifest authors hand the runtime. Promises: for every
 * action of every manifest (the bundled ones and the test fixtures), random params (declared names with values of
 * any type, unknown and prototype names, deep and odd values) end in a result or a typed ConnectorError, never a
 * raw one, and a call refused as invalid sent nothing; a manifest mutated at random is either accepted or refused
 * with a ManifestError, and an accepted one runs its actions with typed outcomes only.
 */
import fc from "fast-check";
import { MockAgent } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConnectorError, ManifestError } from "../../src/errors.js";
import { parseManifest } from "../../src/manifest/loader.js";
import { findManifest } from "../../src/manifest/registry.js";
import type { Manifest } from "../../src/manifest/types.js";
import { connect } from "../../src/runtime/connector.js";
import { DEMO_DIR } from "../runtime/helpers.js";
import { reportFigures, SCALE } from "./scale.js";

const manifests: Manifest[] = [
  findManifest("harvest"),
  findManifest("harvestapi"),
  ...["demo", "paid", "strategies"].map((name) => findManifest(name, DEMO_DIR)),
];

/** An agent that answers every request to any of the manifest's hosts with 200 {}, and counts them. */
function answeringAgent(manifest: Manifest): { agent: MockAgent; sent: () => number } {
  const agent = new MockAgent();
  agent.disableNetConnect();
  let sent = 0;
  const origins = new Set([manifest.base_url, ...Object.values(manifest.hosts ?? {}), ...Object.values(manifest.auth).flatMap((v) => (v.token_url ? [v.token_url] : []))].map((u) => new URL(u).origin));
  for (const origin of origins)
    agent
      .get(origin)
      .intercept({ path: () => true, method: () => true })
      .reply(() => (sent++, { statusCode: 200, data: "{}", responseOptions: { headers: { "content-type": "application/json" } } }))
      .persist();
  return { agent, sent: () => sent };
}

/** The first auth variant's fields, each given a value. */
const credentialsFor = (manifest: Manifest) => Object.fromEntries(Object.keys(Object.values(manifest.auth)[0]!.fields).map((field) => [field, `value-of-${field}`]));

const PROTOTYPE_NAMES = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom("", "2026-02-30", "1e3", "7.0", "true", "a,b", "\u0000", "x".repeat(5000), -0, 1.5, Number.MAX_SAFE_INTEGER + 2),
  fc.string({ unit: "binary", maxLength: 30 }),
);

let fuzzedCalls = 0;
let refusedCalls = 0;
let fuzzedManifests = 0;

describe("random params for every action of every manifest", () => {
  const targets = manifests.flatMap((manifest) =>
    Object.entries(manifest.entities).flatMap(([entity, e]) => Object.entries(e.actions).map(([action, spec]) => ({ manifest, entity, action, declared: Object.keys(spec.params ?? {}), example: spec.example?.params ?? {} }))),
  );

  it(`end in a result or a typed error, and nothing is sent for invalid params (${targets.length} actions)`, async () => {
    const connectors = new Map(manifests.map((m) => [m, answeringAgent(m)]));
    const call = fc.constantFrom(...targets).chain((target) =>
      fc.record({
        target: fc.constant(target),
        // The action's example (valid), the example with one value changed, or a random set of names and values.
        params: fc.oneof(
          fc.constant(target.example),
          fc.record({ key: fc.constantFrom(...target.declared, ...PROTOTYPE_NAMES), value: oddValue }).map(({ key, value }) => Object.defineProperty({ ...target.example }, key, { value, enumerable: true })),
          fc.dictionary(fc.oneof(fc.constantFrom(...(target.declared.length ? target.declared : ["id"])), fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 12 })), oddValue, { maxKeys: 6 }),
        ),
        options: fc.record({ all: fc.boolean(), limit: fc.oneof(fc.constant(undefined), fc.integer({ min: -1, max: 3 })) }, { requiredKeys: [] }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(call, async ({ target, params, options }) => {
        const { agent, sent } = connectors.get(target.manifest)!;
        const connector = connect(target.manifest, { dispatcher: agent, credentials: credentialsFor(target.manifest), retries: 0, rateLimit: false });
        const before = sent();
        const outcome = await connector.execute(target.entity, target.action, params, options).then(
          () => undefined,
          (error: unknown) => error,
        );
        fuzzedCalls++;
        if (outcome === undefined) return;
        expect(outcome, String(outcome)).toBeInstanceOf(ConnectorError);
        if ((outcome as ConnectorError).code === "E_VALIDATION") {
          refusedCalls++;
          expect(sent()).toBe(before);
        }
      }),
      { numRuns: SCALE.fuzzRuns * 4 },
    );
  }, 120_000);
});

describe("randomly mutated manifests", () => {
  const base = parse(readFileSync(join(DEMO_DIR, "demo", "connector.yaml"), "utf8")) as Record<string, unknown>;

  /** Every path to a value in the manifest, so a mutation can land anywhere. */
  const paths: string[][] = [];
  const walk = (node: unknown, path: string[]) => {
    paths.push(path);
    if (node && typeof node === "object") for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
  };
  walk(base, []);

  const mutation = fc.record({
    path: fc.constantFrom(...paths.filter((p) => p.length > 0)),
    kind: fc.constantFrom("replace", "delete", "add"),
    key: fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, "x"), fc.string({ maxLength: 10 })),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom("constructor", "__proto__", "{{nope}}", "/x/{id}", "GET", "link", "none")),
  });

  function mutate(source: unknown, mutations: { path: string[]; kind: string; key: string; value: unknown }[]): unknown {
    const copy = structuredClone(source) as Record<string, unknown>;
    for (const { path, kind, key, value } of mutations) {
      let parent: Record<string, unknown> | undefined = copy;
      for (const step of path.slice(0, -1)) parent = parent && typeof parent[step] === "object" && parent[step] !== null ? (parent[step] as Record<string, unknown>) : undefined;
      const last = path[path.length - 1]!;
      if (!parent || !Object.hasOwn(parent, last)) continue;
      if (kind === "delete") delete parent[last];
      else if (kind === "replace") parent[last] = value;
      else if (typeof parent[last] === "object" && parent[last] !== null) Object.defineProperty(parent[last], key, { value, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }

  it("are accepted or refused with a ManifestError; accepted ones run with typed outcomes only", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        fuzzedManifests++;
        let manifest: Manifest;
        try {
          manifest = parseManifest(stringify(mutate(base, mutations)), "fuzzed.yaml");
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(ManifestError);
          return;
        }
        const { agent } = answeringAgent(manifest);
        const connector = connect(manifest, { dispatcher: agent, credentials: credentialsFor(manifest), retries: 0, rateLimit: false });
        for (const [entity, e] of Object.entries(manifest.entities))
          for (const [action, spec] of Object.entries(e.actions)) {
            const outcome = await connector.execute(entity, action, spec.example?.params ?? {}).then(() => undefined, (error: unknown) => error);
            if (outcome !== undefined) expect(outcome, String(outcome)).toBeInstanceOf(ConnectorError);
          }
      }),
      { numRuns: SCALE.fuzzRuns },
    );
  }, 120_000);
});

afterAll(() => reportFigures("bad input (fuzz)", { fuzzed_calls: fuzzedCalls, refused_as_invalid_nothing_sent: refusedCalls, fuzzed_manifests: fuzzedManifests }));
