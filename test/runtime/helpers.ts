/** Test helpers: the demo connector and an undici MockAgent that records what was sent. */
import { MockAgent } from "undici";
import { connect, type ConnectOptions } from "../../src/runtime/connector.js";

export const DEMO_DIR = new URL("../fixtures/connectors", import.meta.url).pathname;

export interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export function mockApi() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sent: Sent[] = [];
  const record = (opts: { method: string; path: string; headers?: unknown; body?: unknown }): Sent => {
    const headers = Object.fromEntries(Object.entries((opts.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof opts.body === "string" ? (headers["content-type"]?.includes("json") ? JSON.parse(opts.body) : opts.body) : undefined;
    const entry = { method: opts.method, path: opts.path, headers, body };
    sent.push(entry);
    return entry;
  };
  /** Answers the next request to origin+method+path-prefix with reply(entry) -> [status, body, headers?]. */
  const on = (
    origin: string,
    method: string,
    pathPrefix: string,
    reply: (req: Sent) => [number, unknown, Record<string, string>?],
    times = 1,
  ) => {
    agent
      .get(origin)
      .intercept({ path: (p) => p.startsWith(pathPrefix), method })
      .reply((opts) => {
        const [status, body, headers] = reply(record(opts as never));
        return { statusCode: status, data: body === null ? "" : JSON.stringify(body), responseOptions: { headers: { "content-type": "application/json", ...headers } } };
      })
      .times(times);
  };
  return { agent, sent, on };
}

export const API = "https://api.demo.test";

export function demo(options: ConnectOptions = {}) {
  return connect("demo", {
    connectorsDir: DEMO_DIR,
    credentials: { api_key: "demo-secret-key" },
    backoff: { baseMs: 1, maxMs: 5 },
    ...options,
  });
}

export const query = (path: string) => Object.fromEntries(new URL(path, API).searchParams);

export const PAID = "https://api.paid.test";

export function paid(options: ConnectOptions = {}) {
  return connect("paid", {
    connectorsDir: DEMO_DIR,
    credentials: { api_key: "paid-secret-key", session: "session-cookie-value", bulk_token: "bulk-secret-token" },
    backoff: { baseMs: 1, maxMs: 5 },
    ...options,
  });
}
