import { describe, expect, it } from "vitest";
import { ManifestError } from "../../src/errors.js";
import { parseManifest } from "../../src/manifest/loader.js";

const valid = `name: demo
title: Demo
description: A demo API.
base_url: https://api.example.com/v1
auth:
  key:
    fields:
      api_key: { secret: true, env: DEMO_API_KEY }
    apply:
      headers: { X-Api-Key: "{{api_key}}" }
pagination:
  pages: { type: page_number, param: page }
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
        example: { params: { id: 1 } }
        returns: Widget
schemas:
  Widget: { type: object, properties: { id: { type: integer } } }
`;

function issuesOf(text: string) {
  try {
    parseManifest(text, "demo.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).code).toBe("E_MANIFEST");
    return (error as ManifestError).issues;
  }
  throw new Error("expected a ManifestError");
}

describe("parseManifest", () => {
  it("accepts a valid manifest and infers path params", () => {
    const manifest = parseManifest(valid, "demo.yaml");
    expect(manifest.entities.widgets!.actions.get!.path).toBe("/widgets/{id}");
  });

  it("names file, line, column and YAML path of an unknown key", () => {
    const issues = issuesOf(valid.replace("        method: GET\n", "        method: GET\n        colour: blue\n"));
    expect(issues).toEqual([
      { file: "demo.yaml", line: 20, column: 9, path: "entities.widgets.actions.get.colour", message: 'unknown key "colour"' },
    ]);
  });

  it("reports a wrong type where the value is written", () => {
    const [issue] = issuesOf(valid.replace("method: GET", "method: FETCH"));
    expect(issue).toMatchObject({ line: 19, column: 17, path: "entities.widgets.actions.get.method" });
    expect(issue!.message).toContain("GET, POST, PUT, PATCH, DELETE");
  });

  it("rejects a path naming a parameter that does not exist", () => {
    const [issue] = issuesOf(valid.replace("path: /widgets/{id}", "path: /widgets/{widget_id}"));
    expect(issue!.message).toContain("{widget_id}");
    expect(issue).toMatchObject({ line: 20, path: "entities.widgets.actions.get.path" });
  });

  it("rejects an unknown pagination strategy, listing the declared ones", () => {
    const issues = issuesOf(valid.replace("        example:", "        records: items\n        pagination: scroll\n        example:"));
    expect(issues[0]!.message).toBe('unknown pagination strategy "scroll"; declared: pages, or none');
    expect(issues[0]!.path).toBe("entities.widgets.actions.get.pagination");
    expect(issues[0]!.line).toBe(24);
  });

  it("rejects an unknown pagination type in the meta-schema", () => {
    const [issue] = issuesOf(valid.replace("type: page_number", "type: infinite_scroll"));
    expect(issue).toMatchObject({ line: 12, path: "pagination.pages.type" });
  });

  it("rejects a template naming an undeclared credential field", () => {
    const [issue] = issuesOf(valid.replace('"{{api_key}}"', '"{{apikey}}"'));
    expect(issue!.message).toContain("{{apikey}}");
    expect(issue!.path).toBe("auth.key.apply.headers.X-Api-Key");
  });

  it("rejects an example that does not validate", () => {
    const [issue] = issuesOf(valid.replace("example: { params: { id: 1 } }", 'example: { params: { id: "one" } }'));
    expect(issue!.path).toBe("entities.widgets.actions.get.example.params.id");
    expect(issue!.message).toContain("must be integer");
  });

  it("reports YAML syntax errors and duplicate keys with their line", () => {
    expect(issuesOf(valid.replace("title: Demo", "title: Demo\ntitle: Again"))[0]).toMatchObject({ line: 3 });
    expect(issuesOf("name: [unclosed\n")[0]!.message).toMatch(/^YAML:/);
  });

  it("lists every problem at once", () => {
    const issues = issuesOf(valid.replace("title: Demo\n", "").replace("method: GET", "method: get"));
    expect(issues.map((i) => i.path).sort()).toEqual(["", "entities.widgets.actions.get.method"]);
    expect(issues.find((i) => i.path === "")!.message).toContain('"title"');
  });

  it("checks the connection test: a known, read-only action that needs no params", () => {
    const withTest = (test: string) => valid.replace("pagination:\n", `connection_test: ${test}\npagination:\n`);
    const list = "      list:\n        description: List widgets.\n        method: GET\n        path: /widgets\n        returns: Widget\n        example: { params: {} }\n";
    expect(parseManifest(withTest('{ action: widgets.list, account: "{{name}}" }').replace("      get:\n", `${list}      get:\n`), "demo.yaml").connection_test).toEqual({
      action: "widgets.list",
      account: "{{name}}",
    });
    expect(issuesOf(withTest("{ action: widgets.count }"))).toEqual([expect.objectContaining({ path: "connection_test.action", message: 'unknown action "widgets.count"' })]);
    expect(issuesOf(withTest("{ action: widgets.get }"))[0]!.message).toBe("widgets.get needs params (id); a connection test sends none");
    const post = withTest("{ action: widgets.get }").replace("method: GET", "method: POST");
    expect(issuesOf(post).map((i) => i.message)).toContain("widgets.get is not read-only; a connection test must change nothing");
    expect(issuesOf(withTest("{ action: widgets }"))[0]!.path).toBe("connection_test.action");
  });
});
