/**
 * The OAuth connect flow end to end on both stores: a pending account, the authorize URL, the sandbox's consent
 * redirect, the callback, then calls with the stored tokens; replayed, unknown and expired states change nothing.
 */
import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../../src/sandbox/harvest/credentials.js";
import { createWorkspace, postgresBackend, sqliteBackend, startOAuthHarness, type Backend, type Harness, skipUnavailable } from "./harness.js";

const backends: Backend[] = [sqliteBackend(), await postgresBackend()];
const CONNECTORS = "/api/v1/integrations/connectors";
const STATE_TTL_SECONDS = 300;
const client = { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET };

/** Follows one redirect by hand, as a browser would, and returns where it pointed. */
async function consent(authorizeUrl: string): Promise<string> {
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  return response.headers.get("location")!;
}

describe.each(backends)("OAuth connect flow on $name", (backend) => {
  if (skipUnavailable(backend, "test/server/oauth.test.ts")) return;

  let h: Harness;
  let ws: { id: string; token: string };
  let now = new Date("2026-07-01T12:00:00Z");

  const connectPending = async (user = "alice") => {
    const response = await h.call("POST", CONNECTORS, ws.token, { connector_type: "harvest", name: "Harvest", user_id: user, credentials: client });
    expect(response.status, response.text).toBe(201);
    return response.body as { id: string; status: string; auth_variant: string };
  };
  const start = async (id: string) => {
    const response = await h.call("POST", `${CONNECTORS}/${id}/oauth/start`, ws.token);
    expect(response.status, response.text).toBe(200);
    return response.body.authorize_url as string;
  };
  const callback = async (location: string) => {
    const response = await fetch(location);
    return { status: response.status, body: (await response.json()) as any };
  };
  const me = (id: string) => h.call("POST", `${CONNECTORS}/${id}/execute`, ws.token, { entity: "users", action: "me" });

  beforeAll(async () => {
    h = await startOAuthHarness(backend, { oauthStateTtlSeconds: STATE_TTL_SECONDS, now: () => now });
    ws = await createWorkspace(h.call, "Acme");
  });

  afterAll(async () => {
    await h?.close();
    await backend.cleanup();
  });

  it("connects an account from client id and secret alone: pending, authorize, callback, active, calls with the stored tokens", async () => {
    const pending = await connectPending();
    expect(pending).toMatchObject({ status: "pending", auth_variant: "oauth2" });
    const refused = await me(pending.id);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/not connected yet/);

    const authorizeUrl = new URL(await start(pending.id));
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${h.sandbox.url}/harvest-id/oauth2/authorize`);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({
      client_id: SANDBOX_CLIENT_ID,
      response_type: "code",
      redirect_uri: `${h.server.url}/oauth/callback`,
      state: expect.stringMatching(/^[\w-]{40,}$/),
    });

    const location = await consent(authorizeUrl.toString());
    expect(location.startsWith(`${h.server.url}/oauth/callback?`)).toBe(true);
    const tokenRequests = h.sandbox.harvest.stats.tokenRequests;
    const done = await callback(location);
    expect(done).toEqual({ status: 200, body: { id: pending.id, status: "active", message: `connector ${pending.id} is connected` } });

    const shown = await h.call("GET", `${CONNECTORS}/${pending.id}`, ws.token);
    expect(shown.body.status).toBe("active");
    expect(shown.text).not.toMatch(/sandbox-(access|refresh)|client_secret/);
    const call = await me(pending.id);
    expect(call.status, call.text).toBe(200);
    // One token request, the code exchange: the call used the stored access token as it was.
    expect(h.sandbox.harvest.stats.tokenRequests).toBe(tokenRequests + 1);
    // The account id came from Harvest ID's accounts endpoint, with the new token.
    expect(h.sandbox.harvest.stats.requestLog.some((r) => r.host === "id" && r.path === "/accounts")).toBe(true);

    const dump = await backend.dump();
    expect(dump).not.toMatch(/sandbox-(access|refresh)-|sandbox-harvest-client-secret/);

    // Replayed: refused, and nothing changes.
    const before = (await h.call("GET", `${CONNECTORS}/${pending.id}`, ws.token)).body;
    const replay = await callback(location);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toMatchObject({ code: "E_OAUTH_STATE", message: expect.stringMatching(/unknown or already used/) });
    expect((await h.call("GET", `${CONNECTORS}/${pending.id}`, ws.token)).body).toEqual(before);
  });

  it("refuses an unknown state and a callback without state or code", async () => {
    const unknown = await callback(`${h.server.url}/oauth/callback?code=x&state=not-a-state`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("E_OAUTH_STATE");
    expect((await callback(`${h.server.url}/oauth/callback?code=x`)).status).toBe(400);
  });

  it("refuses an expired state with 410 and leaves the account pending", async () => {
    const pending = await connectPending("bob");
    const location = await consent(await start(pending.id));
    now = new Date(now.getTime() + (STATE_TTL_SECONDS + 1) * 1000);
    const expired = await callback(location);
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/expired at .*start the connect flow again/);
    expect((await h.call("GET", `${CONNECTORS}/${pending.id}`, ws.token)).body.status).toBe("pending");
  });

  it("refuses a callback for an account revoked after the flow started", async () => {
    const pending = await connectPending("carol");
    const location = await consent(await start(pending.id));
    expect((await h.call("DELETE", `${CONNECTORS}/${pending.id}`, ws.token)).status).toBe(200);
    expect((await callback(location)).status).toBe(409);
    expect((await h.call("POST", `${CONNECTORS}/${pending.id}/oauth/start`, ws.token)).status).toBe(409);
  });

  it("another workspace cannot start a flow for the account", async () => {
    const pending = await connectPending("dave");
    const other = await createWorkspace(h.call, "Other");
    expect((await h.call("POST", `${CONNECTORS}/${pending.id}/oauth/start`, other.token)).status).toBe(404);
  });

  describe("when the token reaches several Harvest accounts", () => {
    // Harvest ID listing two Harvest accounts (and a Forecast one, which does not count), over the sandbox's own answer.
    const accounts = [
      { id: 111, name: "First", product: "harvest" },
      { id: 222, name: "Second", product: "harvest" },
      { id: 333, name: "Plan", product: "forecast" },
    ];
    beforeAll(() => h.sandbox.use(http.get("https://id.getharvest.com/api/v2/accounts", () => HttpResponse.json({ accounts }))));
    afterAll(() => h.sandbox.resetHandlers());

    it("stays pending, says so with the choices, and becomes active once one is chosen by PATCH", async () => {
      const pending = await connectPending("erin");
      const location = await consent(await start(pending.id));
      const answer = await callback(location);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: "pending", accounts: [{ id: "111", name: "First" }, { id: "222", name: "Second" }] });
      expect(answer.body.message).toMatch(/reaches 2 harvest accounts; choose one with PATCH/);
      expect((await me(pending.id)).status).toBe(401);

      const chosen = await h.call("PATCH", `${CONNECTORS}/${pending.id}`, ws.token, { credentials: { account_id: "1234567" } });
      expect(chosen.status, chosen.text).toBe(200);
      expect(chosen.body.status).toBe("active");
      expect((await me(pending.id)).status).toBe(200);
    });
  });
});
