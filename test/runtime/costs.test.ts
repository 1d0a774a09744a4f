/** Pay-per-request APIs: declared costs, budgets, balance pre-flight, errors inside 200 answers, second credentials and hosts. */
import { describe, expect, it } from "vitest";
import { AuthError, CreditsError, NotFoundError } from "../../src/errors.js";
import { mockApi, PAID, paid, query } from "./helpers.js";

const element = (body: unknown, cost = 0.004) => [200, { element: body, status: 200, error: null, cost }] as [number, unknown];
const searchPage = (page: number, totalPages: number, token = "tok") => [
  200,
  { elements: Array.from({ length: 10 }, (_, i) => ({ id: `${page}-${i}` })), pagination: { totalPages, token }, cost: 0.1 },
] as [number, unknown];

describe("costs", () => {
  it("estimates from the manifest, with per-param prices and pages", () => {
    const connector = paid();
    expect(connector.estimate("people", "get", { id: "p1" })).toMatchObject({ amount: 0.004, per_request: 0.004, requests: 1, currency: "USD", billed_by: "paid" });
    expect(connector.estimate("people", "get", { id: "p1", email: true }).amount).toBe(0.02);
    expect(connector.estimate("people", "search", { q: "x" }, { limit: 25 })).toMatchObject({ amount: 0.3, requests: 3 });
    expect(connector.estimate("people", "search", { q: "x" }, { all: true })).toMatchObject({ amount: 0.4, requests: 4 });
    expect(connector.estimate("people", "bulk", { urls: ["a", "b", "c"] })).toMatchObject({ amount: 0.012, billed_by: "bulk" });
    expect(connector.estimate("account", "me").amount).toBe(0);
  });

  it("reports what a call spent in meta.cost, from the API's own figure", async () => {
    const { agent, on } = mockApi();
    on(PAID, "GET", "/person", () => element({ id: "p1" }, 0.0064));
    const result = await paid({ dispatcher: agent }).execute("people", "get", { id: "p1" });
    expect(result.data).toEqual({ id: "p1" });
    expect(result.meta.cost).toBe(0.0064);
  });

  it("refuses, before sending, a call whose estimate is over the budget", async () => {
    const { agent, sent } = mockApi();
    const connector = paid({ dispatcher: agent });
    const error = await connector.execute("people", "search", { q: "x" }, { all: true, budget: 0.25 }).catch((e) => e);
    expect(error).toBeInstanceOf(CreditsError);
    expect(error.message).toBe("paid people.search would cost about $0.4 (4 requests × $0.1), over the budget of $0.25; nothing was sent");
    expect(error).toMatchObject({ cost: 0.4, budget: 0.25, spent: 0 });
    await expect(connector.execute("people", "get", { id: "p1", email: true }, { budget: 0.01 })).rejects.toThrow(CreditsError);
    expect(sent).toHaveLength(0);
  });

  it("walks pages within the budget, carrying the first page's token, and stops at the page cap", async () => {
    const { agent, on, sent } = mockApi();
    on(PAID, "GET", "/people", (req) => searchPage(Number(query(req.path).page ?? 1), 9), 4);
    const result = await paid({ dispatcher: agent }).execute<unknown[]>("people", "search", { q: "x" }, { all: true, budget: 0.5 });
    expect(result.data).toHaveLength(40);
    expect(result.meta).toMatchObject({ pages: 4, cost: 0.4 });
    expect(sent.map((s) => query(s.path))).toEqual([
      { q: "x" },
      { q: "x", page: "2", token: "tok" },
      { q: "x", page: "3", token: "tok" },
      { q: "x", page: "4", token: "tok" },
    ]);
  });

  it("stops before a page that would pass the budget, when answers cost more than declared", async () => {
    const { agent, on, sent } = mockApi();
    on(PAID, "GET", "/people", () => [200, { elements: Array.from({ length: 10 }, () => ({})), pagination: { totalPages: 3 }, cost: 0.2 }], 3);
    const error = await paid({ dispatcher: agent }).execute("people", "search", { q: "x" }, { limit: 20, budget: 0.25 }).catch((e) => e);
    expect(error).toBeInstanceOf(CreditsError);
    expect(error.message).toBe(
      "paid people.search would cost about $0.3 with its 1 remaining page(s), over the budget of $0.25; stopped after spending $0.2",
    );
    expect(error.spent).toBe(0.2);
    expect(sent).toHaveLength(1);
  });

  it("checks the balance first when asked, and caches it", async () => {
    const { agent, on, sent } = mockApi();
    on(PAID, "GET", "/me", () => [200, { balance: 0.25, plan: "free" }]);
    on(PAID, "GET", "/person", () => element({ id: "p1" }), 2);
    const connector = paid({ dispatcher: agent, preflight: true });
    await connector.execute("people", "get", { id: "p1" });
    await connector.execute("people", "get", { id: "p1" });
    const error = await connector.execute("people", "search", { q: "x" }, { all: true }).catch((e) => e);
    expect(error).toBeInstanceOf(CreditsError);
    expect(error.balance).toBeCloseTo(0.242);
    expect(error.cost).toBe(0.4);
    expect(sent.map((s) => s.path.split("?")[0])).toEqual(["/me", "/person", "/person"]);
  });
});

describe("errors inside answers", () => {
  it("turns HTTP 200 with status 404 into NotFoundError", async () => {
    const { agent, on } = mockApi();
    on(PAID, "GET", "/person", () => [200, { element: null, status: 404, error: "Profile not found", cost: 0.004 }]);
    const error = await paid({ dispatcher: agent }).execute("people", "get", { id: "nobody" }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe("paid people.get: not found (HTTP 404: Profile not found)");
  });

  it("maps 402 to CreditsError with the API's message", async () => {
    const { agent, on } = mockApi();
    on(PAID, "GET", "/person", () => [402, { error: { error: "Not enough credits" } }]);
    const error = await paid({ dispatcher: agent }).execute("people", "get", { id: "p1" }).catch((e) => e);
    expect(error).toBeInstanceOf(CreditsError);
    expect(error.message).toContain("Not enough credits");
  });

  it("tells an expired session apart from a bad API key", async () => {
    const { agent, on } = mockApi();
    on(PAID, "POST", "/message", () => [401, { error: { error: "LinkedIn session expired" } }]);
    on(PAID, "GET", "/person", () => [401, { error: { error: "Invalid API key" } }]);
    const connector = paid({ dispatcher: agent });
    const session = await connector.execute("people", "message", { to: "p1" }).catch((e) => e);
    expect(session).toBeInstanceOf(AuthError);
    expect(session).toMatchObject({ credentials: ["session"], reason: "expired" });
    expect(session.message).toBe("The session expired; sign in again and set PAID_SESSION. (HTTP 401: LinkedIn session expired)");
    const key = await connector.execute("people", "get", { id: "p1" }).catch((e) => e);
    expect(key.credentials).toEqual(["api_key", "session", "bulk_token"]);
    expect(key.message).toContain("Invalid API key");
    expect(JSON.stringify([session, key]) + session.message + key.message).not.toMatch(/paid-secret-key|session-cookie-value/);
  });
});

describe("second credentials and hosts", () => {
  it("puts every param in the query when the manifest says so, with the session as a cookie param", async () => {
    const { agent, on, sent } = mockApi();
    on(PAID, "POST", "/message", () => [200, { status: 200, element: { sent: true }, cost: 0.004 }]);
    await paid({ dispatcher: agent }).execute("people", "message", { to: "p1" });
    expect(query(sent[0]!.path)).toEqual({ to: "p1", cookie: "session-cookie-value" });
    expect(sent[0]!.body).toBeUndefined();
  });

  it("refuses, sending nothing, when the action's extra credential is missing", async () => {
    const { agent, sent } = mockApi();
    const error = await paid({ dispatcher: agent, credentials: { api_key: "k" } }).execute("people", "message", { to: "p1" }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('the "session" credential');
    expect(sent).toHaveLength(0);
  });

  it("sends only the action's own credential to another host, and reads a bare array", async () => {
    const { agent, on, sent } = mockApi();
    on("https://bulk.paid.test", "POST", "/v2/scrape", () => [201, [{ url: "a" }, { url: "b" }]]);
    const result = await paid({ dispatcher: agent }).execute("people", "bulk", { urls: ["a", "b"] });
    expect(result.data).toEqual([{ url: "a" }, { url: "b" }]);
    expect(result.meta).toMatchObject({ cost: 0.008, billed_by: "bulk" });
    expect(sent[0]!.headers["x-api-key"]).toBeUndefined();
    expect(query(sent[0]!.path)).toEqual({ token: "bulk-secret-token" });
    expect(sent[0]!.body).toEqual({ urls: ["a", "b"] });
  });
});

describe("concurrency", () => {
  it("keeps requests in flight at the manifest's limit per account", async () => {
    const { agent } = mockApi();
    let inFlight = 0;
    let most = 0;
    agent
      .get(PAID)
      .intercept({ path: (p) => p.startsWith("/person"), method: "GET" })
      .reply(200, () => {
        inFlight++;
        most = Math.max(most, inFlight);
        setTimeout(() => inFlight--, 20);
        return { element: {}, status: 200, cost: 0.004 };
      })
      .delay(20)
      .times(6);
    const connector = paid({ dispatcher: agent, credentials: { api_key: "concurrency-key" } });
    await Promise.all(Array.from({ length: 6 }, () => connector.execute("people", "get", { id: "p" })));
    expect(most).toBeLessThanOrEqual(2);
  });
});
