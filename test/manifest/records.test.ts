/** Record schemas in a manifest: named under `schemas`, reused with `$ref`, named by each action's `returns`. */
import { describe, expect, it } from "vitest";
import { ManifestError, type ManifestIssue } from "../../src/errors.js";
import { parseManifest } from "../../src/manifest/loader.js";
import { recordJsonSchema } from "../../src/manifest/records.js";
import { createAjv } from "../../src/manifest/ajv.js";

const manifest = `name: demo
title: Demo
description: A demo API.
base_url: https://api.example.com/v1
auth:
  key:
    fields:
      api_key: { secret: true, env: DEMO_API_KEY }
    apply:
      headers: { X-Api-Key: "{{api_key}}" }
entities:
  widgets:
    description: Widgets.
    actions:
      get:
        description: Get one widget.
        method: GET
        path: /widgets/{id}
        params:
          id: { type: integer }
          expand: { type: boolean, send_when: true }
        returns: Widget
        example: { params: { id: 1 } }
      delete:
        description: Delete a widget.
        method: DELETE
        path: /widgets/{id}
        params:
          id: { type: integer }
        example: { params: { id: 1 } }
schemas:
  Widget:
    type: object
    required: [id, owner]
    properties:
      id: { type: integer }
      owner: { $ref: Owner }
      previous_owner: { anyOf: [{ $ref: Owner }, { type: "null" }] }
  Owner:
    type: object
    required: [id]
    properties:
      id: { type: integer }
      name: { type: [string, "null"] }
`;

function issuesOf(text: string): ManifestIssue[] {
  try {
    parseManifest(text, "demo.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).issues;
  }
  throw new Error("expected a ManifestError");
}

describe("record schemas", () => {
  it("are declared once and reused by name; each becomes a plain JSON Schema", () => {
    const parsed = parseManifest(manifest, "demo.yaml");
    const validate = createAjv().compile(recordJsonSchema(parsed, "Widget"));
    expect(validate({ id: 1, owner: { id: 2, name: null }, previous_owner: null })).toBe(true);
    expect(validate({ id: 1, owner: { name: "Ann" } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: "/owner", params: { missingProperty: "id" } });
    const closed = createAjv().compile(recordJsonSchema(parsed, "Widget", { closed: true }));
    expect(closed({ id: 1, owner: { id: 2, colour: "red" } })).toBe(false);
  });

  it("name the unknown schema an action returns, where it is written", () => {
    const [issue] = issuesOf(manifest.replace("returns: Widget", "returns: Gadget"));
    expect(issue).toMatchObject({ line: 22, path: "entities.widgets.actions.get.returns" });
    expect(issue!.message).toBe('unknown record schema "Gadget"; declared: Widget, Owner');
  });

  it("must be named by every action that returns records; a DELETE answers nothing and need not", () => {
    const [issue, ...others] = issuesOf(manifest.replace("        returns: Widget\n", ""));
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ path: "entities.widgets.actions.get", message: "an action that returns records needs `returns`: the name of their schema under `schemas`" });
  });

  it("refuse a $ref to an undeclared schema, and keywords beside a $ref", () => {
    const issues = issuesOf(manifest.replace("owner: { $ref: Owner }", "owner: { $ref: Person, type: object }"));
    expect(issues.map((i) => i.message)).toEqual([
      '$ref names "Person", which is not declared under schemas',
      'a $ref node takes only a description (found type); for a nullable reference write anyOf: [{ $ref: Person }, { type: "null" }]',
      expect.stringMatching(/^not a valid JSON Schema: can't resolve reference/),
    ]);
    expect(issues[0]!.path).toBe("schemas.Widget");
  });

  it("refuse names that are not type names, and send_when on a required param", () => {
    expect(issuesOf(manifest.replace("  Owner:\n", "  owner:\n"))[0]).toMatchObject({ path: "schemas", message: "must match ^[A-Z][A-Za-z0-9]*$" });
    const issues = issuesOf(manifest.replace("expand: { type: boolean, send_when: true }", "expand: { type: boolean, send_when: true, required: true }"));
    expect(issues).toContainEqual(expect.objectContaining({ path: "entities.widgets.actions.get.params.expand", message: "a required param cannot have send_when (it would not always be sent)" }));
  });
});
