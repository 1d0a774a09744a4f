/** Edge cases a demanding user meets: odd credential stores, proxies, cut walks, lost answers, slow bodies, shared refreshes. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { AuthError, ManifestError, TimeoutError, ValidationError } from "../../src/errors.js";
import type { CredentialStore } from "../../src/credentials/types.js";
import { parseManifest } from "../../src/manifest/loader.js";
import { connect } from "../../src/runtime/connector.js";
import { resolveEndpoints } from "../../src/runtime/endpoints.js";
import { prepareCall } from "../../src/runtime/send.js";
import { sleep } from "../../src/runtime/wait.js";
import { API, demo, mockApi, query } from "./helpers.js";

describe("credential stores", () => {
  it("never sends one account's key for another, even when the store reuses one object", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items/1", () => [200, { item: 1 }], 3);
    const row: Record<string, string> = {};
    const keys: Record<string, string> = { alice: "alice-key-1111", bob: "bob-key-2222" };
    const store: CredentialStore = { get: (_c, account) => Object.assign(row, { api_key: keys[account]! }) };
    await demo({ dispatcher: agent, credentials: store, account: "alice" }).execute("items", "get", { id: 1 });
    await demo({ dispatcher: agent, credentials: store, account: "bob" }).execute("items", "get", { id: 1 });
    keys.bob = "bob-key-3333";
    await demo({ dispatcher: agent, credentials: store, account: "bob" }).execute("items", "get", { id: 1 });
    expect(sent.map((s) => s.headers["x-api-key"])).toEqual(["alice-key-1111", "bob-key-2222", "bob-key-3333"]);
  });

  it("turns a failing store into an AuthError that shows none of its text", async () => {
    const store: CredentialStore = {
      get: () => {
        throw new Error("SELECT failed WHERE token='tok-live-5555'");
      },
    };
    const error = await demo({ credentials: store }).execute("items", "get", { id: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.reason).toBe("unavailable");
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain("tok-live-5555");
  });
});

describe("OAuth refresh, shared", () => {
  const AUTH = "https://auth.demo.test";
  let n = 0;
  const record = () => ({ client_id: "cid", client_secret: "csecret-zzz9", refresh_token: `rt-hard-${++n}` });

  it("redacts secrets the token endpoint echoes back", async () => {
    const { agent, on } = mockApi();
    const credentials = record();
    on(AUTH, "POST", "/token", () => [400, { error: "invalid_grant", error_description: `token ${credentials.refresh_token} of csecret-zzz9 is revoked` }]);
    const error = await demo({ dispatcher: agent, credentials }).execute("items", "get", { id: 1 }).catch((e) => e);
    expect(error.message).toContain("[redacted]");
    expect(`${error.message}${JSON.stringify(error)}`).not.toMatch(/csecret-zzz9|rt-hard-/);
  });

  it("lets a caller cancel its own wait without failing the others", async () => {
    const { agent, on } = mockApi();
    agent
      .get(AUTH)
      .intercept({ path: "/token", method: "POST" })
      .reply(200, { access_token: "at-shared", expires_in: 3600 })
      .delay(150);
    on(API, "GET", "/v1/items/1", () => [200, { item: 1 }]);
    const credentials = record();
    const controller = new AbortController();
    const a = demo({ dispatcher: agent, credentials }).execute("items", "get", { id: 1 }, { signal: controller.signal });
    const b = demo({ dispatcher: agent, credentials }).execute("items", "get", { id: 1 });
    setTimeout(() => controller.abort(new Error("caller A gave up")), 30);
    await expect(a).rejects.toThrow("caller A gave up");
    await expect(b).resolves.toMatchObject({ data: 1 });
  });

  it("tries the token endpoint again after it answers 5xx, even for a POST", async () => {
    const { agent, on, sent } = mockApi();
    on(AUTH, "POST", "/token", () => [503, { error: "temporarily_unavailable" }]);
    on(AUTH, "POST", "/token", () => [200, { access_token: "at-after-503", expires_in: 3600 }]);
    on(API, "POST", "/v1/items", () => [201, { id: 1 }]);
    await demo({ dispatcher: agent, credentials: record() }).execute("items", "create", { name: "x" });
    expect(sent.map((s) => s.path)).toEqual(["/token", "/token", "/v1/items"]);
  });

  it("keeps pacing per user: two users of one app get separate windows, kept across a rotation", async () => {
    const manifest = demo().manifest;
    const endpointsFor = (refresh_token: string) => resolveEndpoints(manifest, { credentials: { client_id: "cid", client_secret: "s", refresh_token } });
    const plan = demo().plan("items", "get");
    const send = { timeoutMs: 1000, retries: 0, backoffBaseMs: 1, backoffMaxMs: 1, maxRetryAfterMs: 1 };
    const alice = await prepareCall(manifest, plan, await endpointsFor("rt-alice"), "default", send);
    const bob = await prepareCall(manifest, plan, await endpointsFor("rt-bob"), "default", send);
    expect(alice.window).toBeDefined();
    expect(alice.window).not.toBe(bob.window);
  });
});

describe("walks that stop inside a page", () => {
  it("resume at the exact offset, by cursor", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items/window", (req) => {
      const offset = Number(query(req.path).offset ?? 0);
      return [200, { rows: [offset + 1, offset + 2, offset + 3], total: 9 }];
    }, 3);
    const connector = demo({ dispatcher: agent });
    const result = await connector.execute("items", "window", { limit: 3 }, { limit: 4 });
    expect(result.data).toEqual([1, 2, 3, 4]);
    expect(result.meta).toMatchObject({ has_more: true, next: { limit: 3, offset: 4 }, cursor: expect.any(String) });
    const rest = await connector.execute("items", "window", {}, { cursor: result.meta.cursor, limit: 3 });
    expect(rest.data).toEqual([5, 6, 7]);
    expect(sent.map((r) => query(r.path).offset)).toEqual([undefined, "3", "4"]);
  });

  it("resume on the same page after the records already returned, by cursor", async () => {
    const { agent, on, sent } = mockApi();
    on(API, "GET", "/v1/items", (req) => [200, { items: [1, 2, 3].map((i) => `${query(req.path).page ?? 1}.${i}`), meta: { pages: 5 } }], 4);
    const connector = demo({ dispatcher: agent });
    const result = await connector.execute("items", "list", { per_page: 3 }, { limit: 5 });
    expect(result.data).toEqual(["1.1", "1.2", "1.3", "2.1", "2.2"]);
    // Mid-page there is no page-level `next` to hand out: only the cursor resumes exactly.
    expect(result.meta).toMatchObject({ has_more: true, cursor: expect.any(String) });
    expect(result.meta).not.toHaveProperty("next");
    const rest = await connector.execute("items", "list", {}, { cursor: result.meta.cursor, limit: 3 });
    expect(rest.data).toEqual(["2.3", "3.1", "3.2"]);
    expect(sent.map((r) => query(r.path).page)).toEqual([undefined, "2", "2", "3"]);
  });
});

describe("links behind a proxy", () => {
  it("follows the API's absolute next links through the configured base URL", async () => {
    const { agent, on, sent } = mockApi();
    const PROXY = "http://proxy.corp:8080";
    on(PROXY, "GET", "/harvest/v2/clients", (req) => {
      const page = Number(query(req.path).page ?? 1);
      const next = page < 2 ? `https://api.harvestapp.com/v2/clients?page=${page + 1}&per_page=1` : null;
      return [200, { clients: [{ id: page }], links: { next }, total_pages: 2, total_entries: 2 }];
    }, 2);
    const harvest = connect("harvest", { dispatcher: agent, baseUrl: `${PROXY}/harvest/v2`, credentials: { token: "t", account_id: "1" } });
    const result = await harvest.execute("clients", "list", {}, { all: true });
    expect(result.data).toEqual([{ id: 1 }, { id: 2 }]);
    expect(sent.map((s) => s.path)).toEqual(["/harvest/v2/clients", "/harvest/v2/clients?page=2&per_page=1"]);
  });
});

describe("a DELETE whose answer was lost", () => {
  it("reports success when the retry finds the record already gone", async () => {
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      if (requests === 1) return req.socket.destroy();
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const harvest = connect("harvest", { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`, credentials: { token: "t", account_id: "1" }, backoff: { baseMs: 1 } });
      const result = await harvest.execute("time_entries", "delete", { id: 5 });
      expect(result.meta).toMatchObject({ status: 404, already_done: true });
      expect(requests).toBe(2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe("timeouts", () => {
  it("bound the whole attempt, even when the answer trickles in", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"item":');
      const drip = setInterval(() => res.write(" "), 200);
      res.on("close", () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const started = Date.now();
      const error = await demo({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, timeout: 1000, retries: 0 })
        .execute("items", "get", { id: 1 })
        .catch((e) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("a wait longer than a timer can hold still waits, and can be cancelled", async () => {
    const controller = new AbortController();
    const waiting = sleep(2 ** 31 + 5_000, controller.signal);
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(waiting).rejects.toThrow("stop");
  });
});

describe("checks before anything runs", () => {
  it("refuses connect() options that would spin or stall", () => {
    expect(() => demo({ rateLimit: { requests: 0, perSeconds: 1 } })).toThrow(ValidationError);
    expect(() => demo({ timeout: -1, retries: 1.5 })).toThrow(/timeout: must be a positive number[\s\S]*retries: must be a whole number/);
  });

  it("refuses pagination that could never advance", () => {
    const base = `name: x
title: X
description: X.
base_url: https://x.test
auth: { k: { fields: { key: { secret: true, env: X_KEY } }, apply: { headers: { K: "{{key}}" } } } }
pagination:
  cursors: { type: cursor, param: after }
  pages: { type: page_number, param: page }
entities:
  e:
    description: E.
    actions:
      list: { description: L., method: GET, path: /e, records: items, pagination: PAGINATION, example: { params: {} } }
`;
    const issues = (text: string) => {
      try {
        parseManifest(text, "x.yaml");
      } catch (error) {
        return (error as ManifestError).issues.map((i) => i.message);
      }
      return [];
    };
    // Each strategy has its own required keys (one schema per member of the union).
    const withPages = base.replace("{ type: cursor, param: after }", "{ type: cursor, param: after, next: next }");
    expect(issues(base.replace("PAGINATION", "cursors"))).toEqual(['missing required key "next"']);
    expect(issues(withPages.replace("{ type: page_number, param: page }", "{ type: page_number, param: page, next: links.next }").replace("PAGINATION", "cursors"))).toEqual([
      'unknown key "next"',
    ]);
    expect(issues(withPages.replace("PAGINATION", "pages"))).toContain('strategy "pages" pages with "page", which this action does not declare');
  });
});
