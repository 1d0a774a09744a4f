/**
 * connect(name, { sandbox: true }): the sandboxes answer inside the process through the msw-backed Dispatcher, on the
 * manifests' own URLs: no server, no socket, no port, with the runtime's paging, costs, retries and cancellation intact.
 */
import { Server, Socket } from "node:net";
import { http } from "msw";
import { request } from "undici";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CreditsError, NetworkError, TimeoutError, ValidationError } from "../../src/errors.js";
import { findManifest, listConnectorNames } from "../../src/manifest/registry.js";
import { connect } from "../../src/runtime/connector.js";
import { mockDispatcher } from "../../src/sandbox/msw/dispatcher.js";
import { createSandbox, sandboxCredentials, sandboxNames } from "../../src/sandbox/registry.js";
import { sharedSandbox } from "../../src/sandbox/shared.js";

const HARVEST = "https://api.harvestapp.com/v2";
type Rec = Record<string, any>;

/** The process's network handles: listening servers and sockets. */
const networkHandles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().filter((h) => h instanceof Server || h instanceof Socket);

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("sandbox: true", () => {
  it("pages, creates and reads back with no listening socket, no connection and no server in the process", async () => {
    const before = networkHandles();
    const listen = vi.spyOn(Server.prototype, "listen");
    const dial = vi.spyOn(Socket.prototype, "connect");
    const harvest = connect("harvest", { sandbox: true });
    const entries = await harvest.execute<Rec[]>("time_entries", "list", { from: "2026-06-01", to: "2026-06-30", per_page: 100 }, { limit: 250 });
    expect(entries.data).toHaveLength(250);
    expect(entries.meta).toMatchObject({ pages: 3, has_more: true });
    const [assignment] = (await harvest.execute<Rec[]>("project_assignments", "mine")).data;
    const created = await harvest.execute<Rec>("time_entries", "create", {
      project_id: assignment!.project.id,
      task_id: assignment!.task_assignments[0].task.id,
      spent_date: "2026-06-30",
      hours: 1.25,
      notes: "kept in this process",
    });
    // Another connection of the same process reaches the same sandbox.
    const again = await connect("harvest", { sandbox: true }).execute<Rec>("time_entries", "get", { id: created.data.id });
    expect(again.data.notes).toBe("kept in this process");
    expect(listen).not.toHaveBeenCalled();
    expect(dial).not.toHaveBeenCalled();
    expect(networkHandles()).toEqual(before);
  });

  it("answers on the manifest's URLs whatever the environment points at", async () => {
    vi.stubEnv("CONNECTORS_HARVEST_BASE_URL", "http://127.0.0.1:9/nowhere");
    vi.stubEnv("CONNECTORS_HARVEST_TOKEN_URL", "http://127.0.0.1:9/token");
    const shared = sharedSandbox("harvest")!.sandbox;
    const refreshes = shared.stats.tokenRequests;
    // The OAuth variant too: its token endpoint answers in the process, where the refresh token rotates.
    const oauth = connect("harvest", { sandbox: true, credentials: sandboxCredentials("harvest").oauth2 });
    expect((await oauth.execute<Rec>("users", "me")).data.first_name).toBe("Alex");
    expect(shared.stats.tokenRequests).toBe(refreshes + 1);
    expect((await connect("harvest", { sandbox: true }).execute<Rec>("company", "get")).data.name).toBe("Sandbox Studio");
  });

  it("bills HarvestAPI calls against the sandbox's balance", async () => {
    const linkedin = connect("harvestapi", { sandbox: true });
    const before = sharedSandbox("harvestapi")!.sandbox.balance();
    const profile = await linkedin.execute<Rec>("profiles", "get", { publicIdentifier: "dana-whitfield", main: true });
    expect(profile.meta.cost).toBe(0.004);
    expect(sharedSandbox("harvestapi")!.sandbox.balance()).toBeCloseTo(before - 0.004, 10);
  });

  it("refuses a dispatcher of your own beside it, and says how to mix handlers", () => {
    expect(() => connect("harvest", { sandbox: true, dispatcher: mockDispatcher([]) })).toThrow(ValidationError);
    expect(() => connect("harvest", { sandbox: true, dispatcher: mockDispatcher([]) })).toThrow(/mockDispatcher\(\[\.\.\.yours, \.\.\.sandboxHandlers\(name\)\]\)/);
  });
});

describe("the runtime over the mock dispatcher, as over the network", () => {
  const credentials = sandboxCredentials("harvest").personal_access_token;
  const harvest = (handlers: Parameters<typeof mockDispatcher>[0], options = {}) =>
    connect("harvest", { dispatcher: mockDispatcher(handlers), credentials, backoff: { baseMs: 1, maxMs: 2 }, ...options });

  it("retries a GET through 503s and a dropped connection (sandbox faults), then gets the sandbox's answer", async () => {
    const sandbox = createSandbox("harvest", {
      faults: [
        { url: `${HARVEST}/users/me`, status: 503, times: 2 },
        { url: `${HARVEST}/company`, network: true, times: 1 },
      ],
    });
    expect((await harvest(sandbox.handlers).execute<Rec>("users", "me")).data.first_name).toBe("Alex");
    expect((await harvest(sandbox.handlers).execute<Rec>("company", "get")).data.name).toBe("Sandbox Studio");
    // The failed attempts never reached the sandbox: one request each got through.
    expect(sandbox.stats.requestLog.map((r) => r.path)).toEqual(["/users/me", "/company"]);
    const down = createSandbox("harvest", { faults: [{ url: `${HARVEST}/company`, network: true }] });
    await expect(harvest(down.handlers, { retries: 1 }).execute("company", "get")).rejects.toBeInstanceOf(NetworkError);
  });

  it("times out a call whose answer does not come, and cancels one on the caller's signal", async () => {
    const never = http.get(`${HARVEST}/company`, () => new Promise<Response>(() => {}));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const slow = harvest([never], { timeout: 5_000, retries: 0 }).execute("company", "get");
    const timedOut = expect(slow).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(5_000);
    await timedOut;
    vi.useRealTimers();
    const cancel = new AbortController();
    const cancelled = harvest([never]).execute("company", "get", {}, { signal: cancel.signal });
    cancel.abort(new Error("stopped by the user"));
    await expect(cancelled).rejects.toThrow("stopped by the user");
  });

  it("reports an out-of-credits answer from a HarvestAPI sandbox with a small balance", async () => {
    const sandbox = createSandbox("harvestapi", { balanceUsd: 0.005 });
    const linkedin = connect("harvestapi", { dispatcher: mockDispatcher(sandbox.handlers), credentials: sandboxCredentials("harvestapi").api_key });
    await linkedin.execute("profiles", "get", { publicIdentifier: "dana-whitfield", main: true });
    await expect(linkedin.execute("profiles", "get", { publicIdentifier: "dana-whitfield" })).rejects.toBeInstanceOf(CreditsError);
    expect(sandbox.balance()).toBeCloseTo(0.001, 10);
    expect(sandbox.stats.spentUsd).toBeCloseTo(0.004, 10);
  });
});

describe("the registry of sandboxes", () => {
  it("has one for every bundled connector", () => {
    expect(sandboxNames()).toEqual(expect.arrayContaining(listConnectorNames()));
  });

  it.each(sandboxNames())("%s: the sandbox answers on every URL its manifest declares", async (name) => {
    const manifest = findManifest(name);
    const dispatcher = mockDispatcher(createSandbox(name).handlers);
    const bases = [manifest.base_url, ...Object.values(manifest.hosts ?? {})].map((base) => ({ url: `${base}/no-such-path`, method: "GET" }));
    const oauth = Object.values(manifest.auth).flatMap((variant) => [
      ...(variant.token_url ? [{ url: variant.token_url, method: "POST" }] : []),
      ...(variant.authorize_url ? [{ url: variant.authorize_url, method: "GET" }] : []),
    ]);
    for (const { url, method } of [...bases, ...oauth]) {
      // Any answer of the simulated API (an error for these bare requests), never "no handler".
      const answer = await request(url, { method, dispatcher });
      expect(answer.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      await answer.body.dump();
    }
  });
});
