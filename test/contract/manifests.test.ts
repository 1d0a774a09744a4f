/**
 * One behaviour suite, run against every connector and its sandbox (the bundled ones and any registered with a
 * sandbox, as hono runs one suite against every router): each action's declared example runs on a fresh sandbox and
 * succeeds, or fails with the error the example declares; and every list walks at least two pages, following its
 * cursors, to exactly the records one wider request gives.
 */
import { describe, expect, it } from "vitest";
import { connect, type Connector } from "../../src/index.js";
import type { Manifest } from "../../src/manifest/types.js";
import { createSandbox, mockDispatcher, sandboxCredentials, sandboxNames } from "../../src/testing.js";
import { THIRD } from "./third-connector.js";

interface Case {
  name: string;
  manifest: Manifest;
}

const CASES: Case[] = sandboxNames().map((name) => ({ name, manifest: connect(name, name === THIRD.name ? { connectorsDir: THIRD.dir } : {}).manifest }));

/** A connection to a fresh sandbox of the connector, with the first auth variant's sandbox credentials. */
function onFreshSandbox(manifest: Manifest): Connector {
  const sandbox = createSandbox(manifest.name);
  const [variant] = Object.keys(manifest.auth);
  return connect(manifest, { dispatcher: mockDispatcher(sandbox.handlers), credentials: sandboxCredentials(manifest.name)[variant!], rateLimit: false, retries: 0 });
}

const actionsOf = (manifest: Manifest) =>
  Object.entries(manifest.entities).flatMap(([entity, e]) => Object.entries(e.actions).map(([action, spec]) => ({ call: `${entity}.${action}`, entity, action, spec })));

describe.each(CASES)("$name on its sandbox", ({ manifest }) => {
  it.each(actionsOf(manifest))("$call: its example runs as declared", async ({ entity, action, spec }) => {
    const outcome = await onFreshSandbox(manifest)
      .execute(entity, action, spec.example.params)
      .then(() => "ok", (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`);
    expect(outcome.startsWith(spec.example.error ?? "ok"), outcome).toBe(true);
  });

  const lists = actionsOf(manifest).filter(({ spec }) => spec.pagination && spec.pagination !== "none" && spec.method === "GET" && !spec.example.error);
  it.each(lists)("$call: walks two pages and more by cursor to exactly the records of one wider request", async ({ entity, action, spec }) => {
    const connector = onFreshSandbox(manifest);
    const strategy = manifest.pagination![spec.pagination!]!;
    const sizeParam = strategy.type === "none" ? undefined : strategy.size_param;
    // Small pages where the action takes a page size; else the API's own (e.g. 25 a page).
    const size = sizeParam ? 2 : undefined;
    const params = { ...spec.example.params, ...(sizeParam ? { [sizeParam]: size } : {}) };
    const first = await connector.execute(entity, action, params);
    const pageSize = (first.data as unknown[]).length;
    expect(first.meta.cursor, "the example finds more than one page of records").toBeDefined();
    const walked = [...(first.data as unknown[])];
    let cursor = first.meta.cursor;
    for (let pages = 1; cursor !== undefined && pages < 3; pages++) {
      const next = await connector.execute(entity, action, {}, { cursor });
      walked.push(...(next.data as unknown[]));
      cursor = next.meta.cursor;
    }
    const wider = await connector.execute(entity, action, params, { limit: walked.length });
    expect(walked.length).toBeGreaterThan(pageSize);
    expect(walked.map((r) => JSON.stringify(r))).toEqual((wider.data as unknown[]).map((r) => JSON.stringify(r)));
    expect(new Set(walked.map((r) => JSON.stringify(r))).size).toBe(walked.length);
  });
});

it("runs against every bundled connector and the third one", () => {
  expect(CASES.map((c) => c.name)).toEqual(expect.arrayContaining(["harvest", "harvestapi", THIRD.name]));
});
