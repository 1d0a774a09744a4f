/** The audit redaction rule: ids, dates, numbers, booleans and short codes stay; free text and secrets go. */
import { describe, expect, it } from "vitest";
import { connect } from "../../src/runtime/connector.js";
import { REDACTED, redactParams, secretFieldNames } from "../../src/runtime/redact.js";

describe("redactParams", () => {
  it("keeps ids, dates, numbers, booleans and short codes", () => {
    const params = { id: 7, project_id: "abc-123", user_ids: ["u1", "u2"], from: "2026-06-01", updated_since: "2026-06-01T10:00:00Z", is_running: false, hours: 1.5, sort: "desc", none: null };
    expect(redactParams(params)).toEqual(params);
  });

  it("redacts free text, ids that are not id-like, and anything under a secret-looking name", () => {
    expect(
      redactParams(
        {
        notes: "Call with the client about the merger",
        message: { body: "hello there friend", to: ["someone@example.com"] },
        external_id: "has spaces in it",
        api_key: 12345,
        li_at: "AQEDAR",
        access_token: "x",
        publicIdentifier: "dana-whitfield",
        },
        secretFieldNames(connect("harvestapi").manifest),
      ),
    ).toEqual({
      notes: REDACTED,
      message: { body: REDACTED, to: [REDACTED] },
      external_id: REDACTED,
      api_key: REDACTED,
      li_at: REDACTED,
      access_token: REDACTED,
      publicIdentifier: REDACTED,
    });
  });

  it("names secret fields from the manifest's secret: true credentials, not from a list in code", () => {
    expect([...secretFieldNames(connect("harvestapi").manifest)].sort()).toEqual(["api_key", "apify_token", "li_at"]);
    // A short value is kept unless its name is a secret's: the manifest says li_at is.
    expect(redactParams({ li_at: "AQED" })).toEqual({ li_at: "AQED" });
    expect(redactParams({ li_at: "AQED" }, secretFieldNames(connect("harvestapi").manifest))).toEqual({ li_at: REDACTED });
  });

  it("stays bounded however deep the params nest, and keeps own keys only", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(JSON.stringify(redactParams({ deep })).length).toBeLessThan(1_000);
    const sneaky = JSON.parse('{"__proto__": {"id": "1"}, "id": "2"}');
    expect(redactParams(sneaky)).toEqual(JSON.parse('{"__proto__": {"id": "1"}, "id": "2"}'));
  });
});
