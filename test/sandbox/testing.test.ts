/**
 * agent-connectors/testing as a user's test suite meets it, imported by package name: the sandboxes as msw handlers
 * (fresh state per call, seed, faults, balance), one endpoint overridden msw style, and the same handlers under
 * msw's own setupServer for code that uses global fetch.
 */
import { connect, CreditsError, type Connector } from "agent-connectors";
import { createSandbox, mockDispatcher, registerSandbox, sandboxCredentials, sandboxHandlers, startSandbox } from "agent-connectors/testing";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { describe, expect, it } from "vitest";

const HARVEST = "https://api.harvestapp.com/v2";
const DEMO_DIR = new URL("../fixtures/connectors", import.meta.url).pathname;
type Rec = Record<string, any>;

const harvestWith = (handlers: Parameters<typeof mockDispatcher>[0]): Connector =>
  connect("harvest", { dispatcher: mockDispatcher(handlers), credentials: sandboxCredentials("harvest").personal_access_token });

describe("sandboxHandlers", () => {
  it("lets an earlier handler override one endpoint while the sandbox answers the rest", async () => {
    const harvest = harvestWith([http.get(`${HARVEST}/company`, () => HttpResponse.json({ name: "Overridden Inc", is_active: true })), ...sandboxHandlers("harvest")]);
    expect((await harvest.execute<Rec>("company", "get")).data.name).toBe("Overridden Inc");
    expect((await harvest.execute<Rec>("users", "me")).data.first_name).toBe("Alex");
    expect((await harvestWith(sandboxHandlers("harvest")).execute<Rec>("company", "get")).data.name).toBe("Sandbox Studio");
  });

  it("gives fresh state on every call, from the seed it is given", async () => {
    const first = harvestWith(sandboxHandlers("harvest"));
    const [assignment] = (await first.execute<Rec[]>("project_assignments", "mine")).data;
    const params = { project_id: assignment!.project.id, task_id: assignment!.task_assignments[0].task.id, spent_date: "2026-06-30", hours: 1 };
    const { data } = await first.execute<Rec>("time_entries", "create", params);
    expect((await first.execute<Rec>("time_entries", "get", { id: data.id })).data.hours).toBe(1);
    await expect(harvestWith(sandboxHandlers("harvest")).execute("time_entries", "get", { id: data.id })).rejects.toMatchObject({ code: "E_NOT_FOUND" });
    const entries = async (seed?: number) =>
      (await harvestWith(sandboxHandlers("harvest", { seed })).execute<Rec[]>("time_entries", "list", { per_page: 20 })).data.map((e) => [e.spent_date, e.hours]);
    expect(await entries()).toEqual(await entries());
    expect(await entries(7)).not.toEqual(await entries());
  });

  it('simulates costs and balance in the process: sandboxHandlers("harvestapi", { balanceUsd })', async () => {
    const linkedin = connect("harvestapi", {
      dispatcher: mockDispatcher(sandboxHandlers("harvestapi", { balanceUsd: 0.01 })),
      credentials: sandboxCredentials("harvestapi").api_key,
    });
    const profile = await linkedin.execute<Rec>("profiles", "get", { publicIdentifier: "dana-whitfield" });
    expect(profile.data.firstName).toBe("Dana");
    expect(profile.meta.cost).toBe(0.0064);
    expect(await linkedin.balance()).toBeCloseTo(0.0036, 10);
    await expect(linkedin.execute("profiles", "get", { publicIdentifier: "dana-whitfield", main: true })).rejects.toBeInstanceOf(CreditsError);
    expect(await linkedin.balance()).toBeCloseTo(0.0036, 10);
  });

  it("injects faults before the sandbox, counted per sandbox and reset with it", async () => {
    const sandbox = createSandbox("harvest", { faults: [{ url: `${HARVEST}/company`, status: 500, body: { error: "boom" }, times: 1 }] });
    const noRetry = connect("harvest", { dispatcher: mockDispatcher(sandbox.handlers), credentials: sandboxCredentials("harvest").personal_access_token, retries: 0 });
    await expect(noRetry.execute("company", "get")).rejects.toMatchObject({ code: "E_UPSTREAM", status: 500 });
    expect((await noRetry.execute<Rec>("company", "get")).data.name).toBe("Sandbox Studio");
    sandbox.reset();
    await expect(noRetry.execute("company", "get")).rejects.toMatchObject({ status: 500 });
  });

  it("lets the oauth2 variant's fixed credentials work on each new sandbox, test after test", async () => {
    // Each sandbox (through its own dispatcher) is its own token server: one's rotation means nothing to the next.
    for (const round of [1, 2]) {
      const sandbox = createSandbox("harvest");
      const harvest = connect("harvest", { credentials: sandboxCredentials("harvest").oauth2!, dispatcher: mockDispatcher(sandbox.handlers) });
      expect((await harvest.execute<Rec>("users", "me")).data.first_name, `round ${round}`).toBe("Alex");
      expect(sandbox.stats.tokenRequests).toBe(1);
    }
  });

  it("gives a sandbox a refresh token of its own on demand, for users who share one dispatcher", async () => {
    const sandbox = createSandbox("harvest");
    const dispatcher = mockDispatcher(sandbox.handlers);
    const credentials = { ...sandboxCredentials("harvest").oauth2!, refresh_token: sandbox.issueRefreshToken() };
    expect((await connect("harvest", { credentials, dispatcher }).execute<Rec>("users", "me")).data.first_name).toBe("Alex");
  });

  it("hands out the fixed credentials of every auth variant", () => {
    expect(sandboxCredentials("harvest")).toEqual({
      personal_access_token: { token: "sandbox-harvest-token", account_id: "1234567" },
      oauth2: { client_id: "sandbox-harvest-client-id", client_secret: "sandbox-harvest-client-secret", refresh_token: "sandbox-harvest-refresh-token", account_id: "1234567" },
    });
    expect(Object.keys(sandboxCredentials("harvestapi").api_key!)).toEqual(["api_key", "li_at", "apify_token"]);
    expect(() => sandboxHandlers("nope")).toThrow(/no sandbox simulates nope; sandboxes exist for: harvest, harvestapi/);
  });
});

describe("msw's setupServer", () => {
  it("serves the same handlers to code that uses global fetch", async () => {
    const server = setupServer(...sandboxHandlers("harvest"));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const { token, account_id } = sandboxCredentials("harvest").personal_access_token!;
      const headers = { Authorization: `Bearer ${token}`, "Harvest-Account-Id": account_id!, "User-Agent": "my app (me@example.com)" };
      const me = await fetch(`${HARVEST}/users/me`, { headers });
      expect(me.status).toBe(200);
      expect(((await me.json()) as Rec).first_name).toBe("Alex");
      const page = (await (await fetch(`${HARVEST}/clients?per_page=2`, { headers })).json()) as Rec;
      expect(page.links.next).toMatch(new RegExp(`^${HARVEST}/clients\\?cursor=`));
      expect((await fetch(`${HARVEST}/users/me`, { headers: { "User-Agent": headers["User-Agent"] } })).status).toBe(401);
    } finally {
      server.close();
    }
  });
});

describe("registerSandbox", () => {
  it("gives a connector of your own (a YAML file plus handlers) sandbox: true", async () => {
    registerSandbox("demo", {
      create: () => ({ handlers: [http.get("https://api.demo.test/v1/items/:id", ({ params }) => HttpResponse.json({ item: { id: Number(params.id), name: "from my sandbox" } }))], reset() {} }),
      credentials: () => ({ key: { api_key: "demo-sandbox-key" } }),
      mounts: { "/demo": "https://api.demo.test" },
      connectorsDir: DEMO_DIR,
    });
    const demo = connect("demo", { connectorsDir: DEMO_DIR, sandbox: true });
    expect((await demo.execute<Rec>("items", "get", { id: 3 })).data).toEqual({ id: 3, name: "from my sandbox" });
    // Over loopback too, beside the bundled ones, at its prefix.
    const server = await startSandbox();
    try {
      expect(server.connectors.demo).toMatchObject({ baseUrl: `${server.url}/demo/v1`, credentials: { key: { api_key: "demo-sandbox-key" } } });
      const overHttp = connect("demo", { connectorsDir: DEMO_DIR, baseUrl: server.connectors.demo!.baseUrl, credentials: { api_key: "demo-sandbox-key" } });
      expect((await overHttp.execute<Rec>("items", "get", { id: 4 })).data.name).toBe("from my sandbox");
    } finally {
      await server.close();
    }
  });
});
