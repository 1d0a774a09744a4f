/** The generic interpreter, driven through the demo manifest and an undici MockAgent. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, type Dispatcher } from "undici";
import { describe, expect, it } from "vitest";
import { AuthError, NetworkError, NotFoundError, RateLimitError, TimeoutError, UpstreamError, ValidationError } from "../../src/errors.js";
import { connect } from "../../src/runtime/connector.js";
import { API, demo, mockApi, query } from "./helpers.js";

describe("params", () => {
  it("rejects bad params naming each one, and sends nothing", async () => {
    const { agent, sent } = mockApi();
    const error = await demo({ dispatcher: agent })
      .execute("items", "list", { since: "2026-02-30", page: 0, colour: "red", active: "yes" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe("E_VALIDATION");
    expect(error.issues.map((i: { param: string }) => i.param).sort()).toEqual(["active", "colour", "page", "since"]);
    expect(error.message).toContain("colour: unknown param; valid: page, per_page, tags, ids, kinds, active, since, trace");
    expect(error.message).toContain("since: must be a real calendar date as YYYY-MM-DD");
    expect(sent).toHaveLength(0);
  });

  it("names a missing required param and a bad enum value", async () => {
    const error = await demo({ dispatcher: mockApi().agent }).execute("items", "create", { kind: "huge" }).catch((e) => e);
    expect(error.issues).toEqual([
      { param: "name", message: "is required" },
      { param: "kind", message: 'must be one of: "small", "large" (got "huge")' },
    ]);
  });

  it("accepts 2024-02-29 but not 2026-02-29", async () => {
    const { agent, on } = mockApi();
    on(API, "GET", "/v1/items", () => [200, { items: [], meta: { pages: 1 } }]);
    await expect(demo({ dispatcher: agent }).execute("items", "list", { since: "2024-02-29" })).resolves.toBeDefined();
    await expect(demo({ dispatcher: agent }).execute("items", "list", { since: "2026-02-29" })).rejects.toThrow(ValidationError);
  });

  it("coerces only unambiguous strings", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items", () => [200, { items: [], meta: { pages: 1 } }]);
    await demo({ dispatcher: agent }).execute("items", "list", { page: "2", active: "false", ids: "1,2" });
    expect(query(sent[0]!.path)).toMatchObject({ page: "2", active: "false" });
    const error = await demo({ dispatcher: agent }).execute("items", "list", { page: "1.5" }).catch((e) => e);
    expect(error.issues[0]).toEqual({ param: "page", message: 'must be integer (got "1.5")' });
    const exponent = await demo({ dispatcher: agent }).execute("items", "list", { page: "1e3" }).catch((e) => e);
    expect(exponent.issues[0]).toEqual({ param: "page", message: 'must be integer (got "1e3")' });
  });

  it("names the available connectors for an unknown one", () => {
    expect(() => connect("harvets")).toThrow(/unknown connector "harvets"; available: harvest/);
  });

  it("lists valid entities and actions for unknown ones", async () => {
    const connector = demo();
    await expect(connector.execute("widgets", "list")).rejects.toThrow(/unknown entity "widgets" for demo; entities: items, files, sessions, public/);
    await expect(connector.execute("items", "destroy")).rejects.toThrow(/actions: list, scroll, window, get, create, replace, throttled/);
    await expect(connector.execute("items", "constructor")).rejects.toThrow(ValidationError);
  });
});

describe("requests", () => {
  it("places params in path, query (array styles), header and JSON body", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items", () => [200, { items: [], meta: { pages: 1 } }]);
    on(API, "POST", "/v1/items", () => [201, { id: 9 }]);
    on(API, "GET", "/v1/items/7", () => [200, { item: { id: 7 } }]);
    const connector = demo({ dispatcher: agent });
    await connector.execute("items", "list", { tags: ["a", "b"], ids: [1, 2], kinds: ["x"], trace: "t-1" });
    await connector.execute("items", "create", { name: "Box", size: 2.5 });
    const got = await connector.execute("items", "get", { id: 7 });
    expect(sent[0]!.path).toBe("/v1/items?tags=a%2Cb&ids=1&ids=2&kinds%5B%5D=x");
    expect(sent[0]!.headers["x-trace"]).toBe("t-1");
    expect(sent[0]!.headers["x-api-key"]).toBe("demo-secret-key");
    expect(sent[0]!.headers["user-agent"]).toBe("agent-connectors-tests");
    expect(sent[1]!.body).toEqual({ name: "Box", size: 2.5 });
    expect(sent[1]!.headers["content-type"]).toBe("application/json");
    expect(got.data).toEqual({ id: 7 });
    expect(got.meta).toMatchObject({ connector: "demo", entity: "items", action: "get", status: 200 });
  });

  it("sends actions to their named host, overridable by option and env", async () => {
    const { agent, on, sent } = mockApi();
    on("https://files.demo.test", "GET", "/files/", () => [200, { ok: 1 }]);
    on("http://127.0.0.1:9", "GET", "/files/", () => [200, { ok: 2 }]);
    on("http://127.0.0.2:9", "GET", "/v2/items/1", () => [200, { item: 1 }]);
    await demo({ dispatcher: agent }).execute("files", "get", { name: "a b.txt" });
    await demo({ dispatcher: agent, env: { CONNECTORS_DEMO_FILES_BASE_URL: "http://127.0.0.1:9" } }).execute("files", "get", { name: "x" });
    await demo({ dispatcher: agent, env: { CONNECTORS_DEMO_BASE_URL: "http://127.0.0.2:9/v2/" } }).execute("items", "get", { id: 1 });
    expect(sent.map((s) => s.path)).toEqual(["/files/a%20b.txt", "/files/x", "/v2/items/1"]);
  });

  it("applies an action's extra credential and refuses when it is missing", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/me", () => [200, { me: 1 }]);
    const missing = await demo({ dispatcher: agent }).execute("sessions", "whoami").catch((e) => e);
    expect(missing).toBeInstanceOf(AuthError);
    expect(missing.message).toContain('the "session" credential');
    expect(missing.credentials).toEqual(["session"]);
    await demo({ dispatcher: agent, credentials: { api_key: "k1", session: "s-value" } }).execute("sessions", "whoami");
    expect(sent).toHaveLength(1);
    expect(query(sent[0]!.path)).toEqual({ session: "s-value" });
  });

  it("sends no credentials for a public action", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/status", () => [200, { up: true }]);
    await demo({ dispatcher: agent, credentials: {} }).execute("public", "status");
    expect(sent[0]!.headers["x-api-key"]).toBeUndefined();
  });
});

describe("credentials from the environment", () => {
  it("treats an empty variable as unset and names what to set", async () => {
    const error = await demo({ credentials: undefined, env: { DEMO_API_KEY: "" } }).execute("items", "get", { id: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.reason).toBe("missing");
    expect(error.message).toBe(
      "no credentials for demo: set DEMO_API_KEY (key), or DEMO_CLIENT_ID and DEMO_CLIENT_SECRET and DEMO_REFRESH_TOKEN (oauth)",
    );
  });

  it("reads named accounts from suffixed variables", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items/1", () => [200, { item: 1 }]);
    await demo({ credentials: undefined, account: "work", dispatcher: agent, env: { DEMO_API_KEY: "default", DEMO_API_KEY_WORK: "work-key" } }).execute("items", "get", {
      id: 1,
    });
    expect(sent[0]!.headers["x-api-key"]).toBe("work-key");
  });
});

describe("pagination", () => {
  it("walks page numbers to the end with all, keeping the filters", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items", (req) => [200, { items: [{ p: Number(query(req.path).page ?? 1) }], meta: { pages: 3 } }], 3);
    const result = await demo({ dispatcher: agent }).execute("items", "list", { active: true }, { all: true });
    expect(result.data).toEqual([{ p: 1 }, { p: 2 }, { p: 3 }]);
    expect(result.meta).toMatchObject({ pages: 3, has_more: false, next: null, total_pages: 3 });
    expect(sent.map((s) => query(s.path))).toEqual([{ active: "true" }, { active: "true", page: "2" }, { active: "true", page: "3" }]);
  });

  it("returns one page with the params of the next", async () => {
    const { agent, on } = mockApi();
    on(API, "GET", "/v1/items", () => [200, { items: [1, 2], meta: { pages: 5 } }]);
    const result = await demo({ dispatcher: agent }).execute("items", "list", { per_page: 2 });
    expect(result.meta).toMatchObject({ has_more: true, next: { per_page: 2, page: 2 }, total_pages: 5 });
  });

  it("follows cursor tokens until none is given", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items/scroll", (req) => {
      const after = query(req.path).after;
      return [200, after === "t2" ? { data: ["c"], next_token: null } : { data: [after ? "b" : "a"], next_token: after ? "t2" : "t1" }];
    }, 3);
    const records: unknown[] = [];
    for await (const record of demo({ dispatcher: agent }).paginate("items", "scroll")) records.push(record);
    expect(records).toEqual(["a", "b", "c"]);
    expect(sent.map((s) => query(s.path).after)).toEqual([undefined, "t1", "t2"]);
  });

  it("stops with an error instead of looping when the API hands back the same page", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items/scroll", () => [200, { data: ["a"], next_token: "same" }], 3);
    const error = await demo({ dispatcher: agent }).execute("items", "scroll", {}, { all: true }).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toContain("same next page again");
    expect(sent).toHaveLength(2);
  });

  it("steps offsets and stops at the total; limit stops early", async () => {
    const { agent, on, sent } = mockApi();
    const rows = [1, 2, 3, 4, 5];
    on(API, "GET", "/v1/items/window", (req) => {
      const { offset = "0", limit } = query(req.path);
      return [200, { rows: rows.slice(Number(offset), Number(offset) + Number(limit)), total: 5 }];
    }, 5);
    const all = await demo({ dispatcher: agent }).execute("items", "window", { limit: 2 }, { all: true });
    expect(all.data).toEqual(rows);
    expect(sent).toHaveLength(3);
    const some = await demo({ dispatcher: agent }).execute("items", "window", { limit: 2 }, { limit: 3 });
    expect(some.data).toEqual([1, 2, 3]);
    expect(some.meta).toMatchObject({ pages: 2, has_more: true, next: { limit: 2, offset: 3 } });
  });

  it("reports a list missing where the manifest says it is", async () => {
    const { agent, on } = mockApi();
    on(API, "GET", "/v1/items", () => [200, { things: [] }]);
    await expect(demo({ dispatcher: agent }).execute("items", "list")).rejects.toThrow(/without a list at "items"/);
  });
});

describe("errors and retries", () => {
  it("maps statuses to typed errors with the API's message and no secret", async () => {
    const { agent, on } = mockApi();
    on(API, "GET", "/v1/items/1", () => [401, { message: "bad key demo-secret-key" }]);
    on(API, "GET", "/v1/items/2", () => [404, { message: "no such item" }]);
    on(API, "POST", "/v1/items", () => [422, { message: "name is taken" }]);
    const connector = demo({ dispatcher: agent });
    const auth = await connector.execute("items", "get", { id: 1 }).catch((e) => e);
    expect(auth).toBeInstanceOf(AuthError);
    expect(auth.message).toBe("Demo rejected the credentials (HTTP 401: bad key [redacted]); check api_key, session (key)");
    const missing = await connector.execute("items", "get", { id: 2 }).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ code: "E_NOT_FOUND", status: 404, upstreamMessage: "no such item" });
    const upstream = await connector.execute("items", "create", { name: "x" }).catch((e) => e);
    expect(upstream).toBeInstanceOf(UpstreamError);
    expect(upstream.message).toBe("Demo answered HTTP 422 to demo items.create: name is taken");
    expect(JSON.stringify([auth, missing, upstream])).not.toContain("demo-secret-key");
  });

  it("retries a GET on 5xx and succeeds", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items/1", () => [503, { message: "busy" }], 2);
    on(API, "GET", "/v1/items/1", () => [200, { item: { id: 1 } }]);
    const result = await demo({ dispatcher: agent }).execute("items", "get", { id: 1 });
    expect(result.data).toEqual({ id: 1 });
    expect(sent).toHaveLength(3);
  });

  it("never sends a POST twice on 5xx, but retries an idempotent PUT", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "POST", "/v1/items", () => [502, { message: "bad gateway" }], 1);
    on(API, "PUT", "/v1/items/1", () => [500, {}], 1);
    on(API, "PUT", "/v1/items/1", () => [200, { id: 1 }], 1);
    await expect(demo({ dispatcher: agent }).execute("items", "create", { name: "x" })).rejects.toMatchObject({ code: "E_UPSTREAM", status: 502 });
    expect(sent).toHaveLength(1);
    await demo({ dispatcher: agent }).execute("items", "replace", { id: 1, name: "y" });
    expect(sent).toHaveLength(3);
  });

  it("gives up after the configured retries", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items/1", () => [500, { message: "down" }], 3);
    await expect(demo({ dispatcher: agent, retries: 2 }).execute("items", "get", { id: 1 })).rejects.toThrow("Demo answered HTTP 500 to demo items.get: down");
    expect(sent).toHaveLength(3);
  });

  it("waits Retry-After on 429, even for a POST, then succeeds", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "POST", "/v1/items", () => [429, { message: "slow down" }, { "retry-after": "0.05" }]);
    on(API, "POST", "/v1/items", () => [201, { id: 1 }]);
    const started = Date.now();
    await demo({ dispatcher: agent }).execute("items", "create", { name: "x" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(sent).toHaveLength(2);
  });

  it("throws RateLimitError when Retry-After is longer than it will wait", async () => {
    const { agent, on } = mockApi();
    on(API, "GET", "/v1/items/1", () => [429, { retry_after: 3600 }]);
    const error = await demo({ dispatcher: agent }).execute("items", "get", { id: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBe(3600);
  });

  /** A loopback server that answers after `delayMs`, counting requests. */
  async function slowServer(delayMs: number) {
    const server = createServer((_req, res) => {
      counter.requests++;
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"item":1}'), delayMs).unref();
    });
    const counter = { requests: 0, base: "", close: () => (server.closeAllConnections(), server.close()) };
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    counter.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    return counter;
  }

  it.each([
    ["a sub-second timeout (precise timer)", 50, 400, 1],
    ["a longer timeout (undici's own timers)", 1000, 3000, 0],
  ])("times out with TimeoutError under %s, retrying reads first", async (_, timeout, delay, retries) => {
    const slow = await slowServer(delay);
    // Attempts are counted where they leave: on a loaded machine a retry may time out before the server sees it.
    let attempts = 0;
    const dispatcher = new (class extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        attempts++;
        return super.dispatch(options, handler);
      }
    })();
    try {
      const error = await demo({ baseUrl: slow.base, timeout, retries, dispatcher }).execute("items", "get", { id: 1 }).catch((e) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toBe(`GET ${slow.base}/items/1 timed out after ${timeout} ms`);
      expect(attempts).toBe(retries + 1);
      expect(slow.requests).toBeGreaterThanOrEqual(1);
    } finally {
      slow.close();
      await dispatcher.close();
    }
  });

  it("retries a GET after a connection reset, but never a POST", async () => {
    let requests = 0;
    const flaky = createServer((req, res) => {
      requests++;
      // Every odd request loses its connection before any answer.
      if (requests % 2 === 1) return req.socket.destroy();
      res.writeHead(200, { "content-type": "application/json" }).end('{"item":{"id":1}}');
    });
    await new Promise<void>((resolve) => flaky.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/v1`;
    try {
      const got = await demo({ baseUrl: base }).execute("items", "get", { id: 1 });
      expect(got.data).toEqual({ id: 1 });
      expect(requests).toBe(2);
      const error = await demo({ baseUrl: base }).execute("items", "create", { name: "once" }).catch((e) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect(requests).toBe(3);
    } finally {
      flaky.closeAllConnections();
      flaky.close();
    }
  });

  it("reports a refused connection as NetworkError without leaking query credentials", async () => {
    const error = await demo({ baseUrl: "http://127.0.0.1:1", retries: 0, credentials: { api_key: "k", session: "very-secret-session" } })
      .execute("sessions", "whoami")
      .catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:1\/me\?… failed: ECONNREFUSED/);
    expect(error.message).not.toContain("very-secret-session");
  });
});

describe("client-side pacing", () => {
  it("holds requests to the group's limit", async () => {
    const { agent, on } = mockApi();
    on(API, "GET", "/v1/slow", () => [200, {}], 3);
    const connector = demo({ dispatcher: agent, credentials: { api_key: "pacing-key" } });
    const started = Date.now();
    // The group allows 2 per second: the third call must wait for the window to move.
    await Promise.all([1, 2, 3].map(() => connector.execute("items", "throttled")));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("takes a connector's limit from CONNECTORS_<NAME>_RATE_LIMIT", async () => {
    const { agent, on } = mockApi();
    on(API, "GET", "/v1/items/1", () => [200, { item: 1 }], 3);
    const connector = demo({ dispatcher: agent, env: { CONNECTORS_DEMO_RATE_LIMIT: "2/1" }, credentials: { api_key: "env-limit-key" } });
    const started = Date.now();
    await Promise.all([1, 2, 3].map(() => connector.execute("items", "get", { id: 1 })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    await expect(demo({ env: { CONNECTORS_DEMO_RATE_LIMIT: "fast" } }).execute("items", "get", { id: 1 })).rejects.toThrow(
      'CONNECTORS_DEMO_RATE_LIMIT must be REQUESTS/SECONDS, e.g. 100/15 (got "fast")',
    );
  });

  it("can be turned off per connection or by env", async () => {
    const { agent, on } = mockApi();
    on(API, "GET", "/v1/slow", () => [200, {}], 6);
    const started = Date.now();
    const off = demo({ dispatcher: agent, rateLimit: false, credentials: { api_key: "off-key" } });
    await Promise.all([1, 2, 3].map(() => off.execute("items", "throttled")));
    const env = demo({ dispatcher: agent, env: { CONNECTORS_RATE_LIMIT: "off" }, credentials: { api_key: "env-off-key" } });
    await Promise.all([1, 2, 3].map(() => env.execute("items", "throttled")));
    expect(Date.now() - started).toBeLessThan(900);
  });
});
