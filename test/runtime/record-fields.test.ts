/** The dotted fields an action's records have, from its record schema, and the unknown ones among requested fields. */
import { describe, expect, it } from "vitest";
import { loadManifestFile, parseManifest } from "../../src/manifest/loader.js";
import { manifestPath } from "../../src/manifest/registry.js";
import { checkRecordFields, recordFields } from "../../src/runtime/record-fields.js";

const harvest = loadManifestFile(manifestPath("harvest"));
const harvestapi = loadManifestFile(manifestPath("harvestapi"));
const action = (manifest: typeof harvest, entity: string, name: string) => manifest.entities[entity]!.actions[name]!;

describe("record fields", () => {
  it("are every dotted path through objects, following shared and nullable records", () => {
    const { paths, open } = recordFields(harvest, "TimeEntry");
    expect(paths).toEqual(expect.arrayContaining(["id", "hours", "project", "project.name", "user.id", "invoice.number", "external_reference.permalink"]));
    expect(paths.slice(0, 4)).toEqual(["id", "spent_date", "user", "user.id"]);
    expect(open).toEqual([]);
  });

  it("name the unknown ones among requested fields, keeping their order, with the valid ones", () => {
    const check = checkRecordFields(harvest, action(harvest, "time_entries", "list"), ["id", "nope", "project.name", "project.colour"]);
    expect(check?.unknown).toEqual(["nope", "project.colour"]);
    expect(check?.valid).toEqual(recordFields(harvest, "TimeEntry").paths);
  });

  it("do not reach into lists, which a dotted path cannot select from", () => {
    const check = checkRecordFields(harvest, action(harvest, "invoices", "get"), ["line_items", "line_items.kind", "client.name"]);
    expect(check?.unknown).toEqual(["line_items.kind"]);
  });

  it("of a record that is one of several shapes are those of every shape; an object of unknown shape takes any field", () => {
    const scraped = checkRecordFields(harvestapi, action(harvestapi, "profiles", "bulk_scrape"), ["firstName", "error", "query.url", "colour"]);
    expect(scraped?.unknown).toEqual(["colour"]);
    expect(recordFields(harvestapi, "PostShort").open).toContain("repost");
    expect(checkRecordFields(harvestapi, action(harvestapi, "posts", "get"), ["repost.id", "author.name"])?.unknown).toEqual([]);
  });

  it("cannot be checked for an action that declares no record schema", () => {
    expect(checkRecordFields(harvest, action(harvest, "time_entries", "delete"), ["id"])).toBeUndefined();
  });

  it("end on a recursive schema", () => {
    const manifest = parseManifest(`name: tree
title: Tree
description: Nodes.
base_url: https://tree.test
auth: { k: { fields: { key: { secret: true, env: TREE_KEY } }, apply: { headers: { K: "{{key}}" } } } }
entities:
  nodes:
    description: Nodes.
    actions:
      get: { description: Get., method: GET, path: /node, returns: Node, example: { params: {} } }
schemas:
  Node: { type: object, properties: { name: { type: string }, parent: { anyOf: [{ $ref: Node }, { type: "null" }] } } }
`);
    expect(recordFields(manifest, "Node").paths).toEqual(["name", "parent", "parent.name", "parent.parent"]);
  });
});
