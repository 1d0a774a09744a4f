/** The audit redaction rule: ids, dates, numbers, booleans and short codes stay; free text and secrets go. */
import { describe, expect, it } from "vitest";
import { REDACTED, redactParams } from "../../src/server/redact.js";

describe("redactParams", () => {
  it("keeps ids, dates, numbers, booleans and short codes", () => {
    const params = { id: 7, project_id: "abc-123", user_ids: ["u1", "u2"], from: "2026-06-01", updated_since: "2026-06-01T10:00:00Z", is_running: false, hours: 1.5, sort: "desc", none: null };
    expect(redactParams(params)).toEqual(params);
  });

  it("redacts free text, ids that are not id-like, and anything under a secret-looking name", () => {
    expect(
      redactParams({
        notes: "Call with the client about the merger",
        message: { body: "hello there friend", to: ["someone@example.com"] },
        external_id: "has spaces in it",
        api_key: 12345,
        li_at: "AQEDAR",
        access_token: "x",
        publicIdentifier: "dana-whitfield",
      }),
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
});
