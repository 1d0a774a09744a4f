/** OAuth2 refresh: single flight, rotation handed back, refresh on 401, invalid_grant. */
import { describe, expect, it } from "vitest";
import { AuthError } from "../../src/errors.js";
import { authorizeUrl, exchangeAuthorizationCode } from "../../src/runtime/connect-flow.js";
import type { CredentialRecord, CredentialStore } from "../../src/credentials/types.js";
import { API, demo, mockApi } from "./helpers.js";

const AUTH = "https://auth.demo.test";
let lineage = 0;

/** A fresh refresh token per test, so sessions from other tests never answer for this one. */
function oauthRecord(): CredentialRecord {
  lineage++;
  return { client_id: "cid", client_secret: "csecret", refresh_token: `rt-${lineage}-0` };
}

function tokenEndpoint(on: ReturnType<typeof mockApi>["on"], times = 1, reply?: (form: URLSearchParams) => [number, unknown]) {
  let issued = 0;
  on(AUTH, "POST", "/token", (req) => {
    const form = new URLSearchParams(String(req.body));
    if (reply) return reply(form);
    issued++;
    const rt = form.get("refresh_token")!;
    return [200, { access_token: `at-${issued}`, refresh_token: rt.replace(/-\d+$/, `-${issued}`), expires_in: 3600, token_type: "bearer" }];
  }, times);
}

describe("OAuth2 refresh", () => {
  it("refreshes once for many concurrent calls and hands the rotated token back", async () => {
    const { agent, on, sent } = mockApi();
    tokenEndpoint(on);
    on(API, "GET", "/v1/items/1", (req) => [req.headers.authorization === "Bearer at-1" ? 200 : 401, { item: 1 }], 5);
    const changes: CredentialRecord[] = [];
    const record = oauthRecord();
    const connector = demo({ dispatcher: agent, credentials: record, onCredentialsChange: (r) => changes.push(r) });
    await Promise.all([1, 2, 3, 4, 5].map(() => connector.execute("items", "get", { id: 1 })));
    const tokenCalls = sent.filter((s) => s.path === "/token");
    expect(tokenCalls).toHaveLength(1);
    const form = new URLSearchParams(String(tokenCalls[0]!.body));
    expect(Object.fromEntries(form)).toEqual({ grant_type: "refresh_token", refresh_token: record.refresh_token, client_id: "cid", client_secret: "csecret" });
    expect(tokenCalls[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(changes).toHaveLength(1);
    expect(changes[0]!.refresh_token).toBe(record.refresh_token!.replace(/-0$/, "-1"));
    expect(changes[0]!.access_token).toBe("at-1");
  });

  it("refreshes once on a 401 and retries with the new token", async () => {
    const { agent, on, sent } = mockApi();
    tokenEndpoint(on, 2);
    on(API, "GET", "/v1/items/1", () => [401, { error: "invalid_token" }]);
    on(API, "GET", "/v1/items/1", (req) => [req.headers.authorization === "Bearer at-2" ? 200 : 401, { item: 1 }]);
    const result = await demo({ dispatcher: agent, credentials: oauthRecord() }).execute("items", "get", { id: 1 });
    expect(result.data).toBe(1);
    expect(sent.map((s) => s.path)).toEqual(["/token", "/v1/items/1", "/token", "/v1/items/1"]);
  });

  it("writes the rotated refresh token to the credential store and reads it back", async () => {
    const { agent, on } = mockApi();
    tokenEndpoint(on, 1);
    on(API, "GET", "/v1/items/1", () => [200, { item: 1 }], 2);
    let stored = oauthRecord();
    const store: CredentialStore = {
      get: () => stored,
      update: (_c, _a, changes) => void (stored = { ...stored, ...changes }),
    };
    const connector = demo({ dispatcher: agent, credentials: store });
    await connector.execute("items", "get", { id: 1 });
    expect(stored.refresh_token).toMatch(/-1$/);
    // The stored lineage finds the same session: no second refresh.
    await demo({ dispatcher: agent, credentials: store }).execute("items", "get", { id: 1 });
  });

  it("turns invalid_grant into an AuthError telling the user to re-authorize", async () => {
    const { agent, on, sent } = mockApi();
    tokenEndpoint(on, 1, () => [400, { error: "invalid_grant", error_description: "The refresh token is revoked" }]);
    const error = await demo({ dispatcher: agent, credentials: oauthRecord() }).execute("items", "get", { id: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.reason).toBe("revoked");
    expect(error.message).toBe(
      "the demo refresh token was rejected (invalid_grant: The refresh token is revoked); the user must re-authorize the application to get a new one",
    );
    expect(sent.filter((s) => s.path.startsWith("/v1"))).toHaveLength(0);
  });

  it("names the client credentials on invalid_client and never shows the secret", async () => {
    const { agent, on } = mockApi();
    tokenEndpoint(on, 1, () => [401, { error: "invalid_client" }]);
    const error = await demo({ dispatcher: agent, credentials: oauthRecord() }).execute("items", "get", { id: 1 }).catch((e) => e);
    expect(error.credentials).toEqual(["client_id", "client_secret"]);
    expect(JSON.stringify(error) + error.message).not.toContain("csecret");
  });

  it("uses a stored, unexpired access token without refreshing", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items/1", (req) => [req.headers.authorization === "Bearer kept" ? 200 : 401, { item: 1 }]);
    const record = { ...oauthRecord(), access_token: "kept", expires_at: String(Date.now() + 3_600_000) };
    await demo({ dispatcher: agent, credentials: record }).execute("items", "get", { id: 1 });
    expect(sent.map((s) => s.path)).toEqual(["/v1/items/1"]);
  });

  it("refreshes a stored access token that has expired before using it", async () => {
    const { agent, on, sent } = mockApi();
    tokenEndpoint(on);
    on(API, "GET", "/v1/items/1", (req) => [req.headers.authorization === "Bearer at-1" ? 200 : 401, { item: 1 }]);
    const record = { ...oauthRecord(), access_token: "stale", expires_at: String(Date.now() - 1000) };
    await demo({ dispatcher: agent, credentials: record }).execute("items", "get", { id: 1 });
    expect(sent.map((s) => s.path)).toEqual(["/token", "/v1/items/1"]);
  });

  it("sends the token request to CONNECTORS_<NAME>_TOKEN_URL when set", async () => {
    const { agent, on, sent } = mockApi();
    on("http://127.0.0.1:7", "POST", "/oauth/token", () => [200, { access_token: "x", expires_in: 60 }]);
    on(API, "GET", "/v1/items/1", () => [200, { item: 1 }], 2);
    const connector = demo({ dispatcher: agent, credentials: oauthRecord(), env: { CONNECTORS_DEMO_TOKEN_URL: "http://127.0.0.1:7/oauth/token" } });
    await connector.execute("items", "get", { id: 1 });
    // A one-minute token is still good for the next call.
    await connector.execute("items", "get", { id: 1 });
    expect(sent.map((s) => s.path)).toEqual(["/oauth/token", "/v1/items/1", "/v1/items/1"]);
  });
});

describe("the connect flow's steps", () => {
  it("exchanges an authorization code at the variant's token endpoint, sending the manifest's User-Agent, like a refresh", async () => {
    const { agent, on, sent } = mockApi();
    on(AUTH, "POST", "/token", () => [200, { access_token: "at-code", refresh_token: "rt-code", expires_in: 60 }]);
    const manifest = demo().manifest;
    const before = Date.now();
    const record = await exchangeAuthorizationCode(manifest, "oauth", { dispatcher: agent }, { code: "the-code", redirectUri: "https://app.test/cb", clientId: "cid", clientSecret: "csecret" });
    expect(record).toMatchObject({ access_token: "at-code", refresh_token: "rt-code" });
    expect(Number(record.expires_at)).toBeGreaterThanOrEqual(before + 60_000);
    const [request] = sent;
    expect(request!.headers["user-agent"]).toBe("agent-connectors-tests");
    expect(Object.fromEntries(new URLSearchParams(String(request!.body)))).toEqual({
      grant_type: "authorization_code",
      code: "the-code",
      redirect_uri: "https://app.test/cb",
      client_id: "cid",
      client_secret: "csecret",
    });
  });

  it("refuses a refused code with the provider's words and none of what was sent, and a variant without OAuth", async () => {
    const { agent, on } = mockApi();
    on(AUTH, "POST", "/token", () => [400, { error: "invalid_grant", error_description: "code the-code was used" }]);
    const manifest = demo().manifest;
    const refused = await exchangeAuthorizationCode(manifest, "oauth", { dispatcher: agent }, { code: "the-code", redirectUri: "r", clientId: "c", clientSecret: "s" }).catch((e: Error) => e);
    expect(refused).toMatchObject({ code: "E_UPSTREAM", message: expect.stringMatching(/HTTP 400, invalid_grant: code \[redacted\] was used.*start the OAuth flow again/) });
    expect(() => authorizeUrl(manifest, "key", {}, { clientId: "c", redirectUri: "r", state: "s" })).toThrow(/key credentials are not connected through OAuth/);
  });
});
