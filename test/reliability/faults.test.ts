/**
 * Upstream faults, injected by a real HTTP server in front of the library: 429 with and without Retry-After,
 * 500/502/503, a reset connection, a hung answer, a truncated body, a non-JSON body and a trickling body. Promises:
 * a read recovers within the bounded retries; a write (POST) that may have reached the API is never sent twice (a
 * 429 says it was not processed, so that one alone is sent again); once retries are spent the caller gets a typed
 * error, never a raw one.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorError } from "../../src/errors.js";
import { connect } from "../../src/runtime/connector.js";
import { reportFigures, SCALE } from "./scale.js";

type Fault = "429-retry-after" | "429" | "500" | "502" | "503" | "reset" | "hang" | "truncated" | "html-502" | "trickle";
const FAULTS: Fault[] = ["429-retry-after", "429", "500", "502", "503", "reset", "hang", "truncated", "html-502", "trickle"];
/** What a caller gets once every attempt met the fault. */
const FINAL_CODE: Record<Fault, string> = {
  "429-retry-after": "E_RATE_LIMIT",
  "429": "E_RATE_LIMIT",
  "500": "E_UPSTREAM",
  "502": "E_UPSTREAM",
  "503": "E_UPSTREAM",
  reset: "E_NETWORK",
  hang: "E_TIMEOUT",
  truncated: "E_NETWORK",
  "html-502": "E_UPSTREAM",
  trickle: "E_TIMEOUT",
};
const RETRIES = 3;

function inject(fault: Fault, res: ServerResponse): void {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => void res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  switch (fault) {
    case "429-retry-after":
      return json(429, { message: "slow down" }, { "retry-after": "0" });
    case "429":
    case "500":
    case "502":
    case "503":
      return json(Number(fault), { message: `fault ${fault}` });
    case "reset":
      return void res.socket?.destroy();
    case "hang":
      return;
    case "truncated":
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write('{"id": 1, "first_na');
      return void setImmediate(() => res.socket?.destroy());
    case "html-502":
      return void res.writeHead(502, { "content-type": "text/html" }).end("<html><body>Bad gateway</body></html>");
    case "trickle": {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":');
      const drip = setInterval(() => res.write(" "), 20);
      return void res.on("close", () => clearInterval(drip));
    }
  }
}

describe("upstream faults", () => {
  let url: string;
  let close: () => void;
  /** Faults to answer the next requests with, in order; then a normal answer. */
  let plan: Fault[] = [];
  let requests: { method: string; path: string }[] = [];
  let injected = 0;

  beforeAll(async () => {
    const server = createServer((req, res) => {
      requests.push({ method: req.method!, path: req.url! });
      req.resume();
      const fault = plan.shift();
      if (fault) {
        injected++;
        return inject(fault, res);
      }
      if (req.url!.startsWith("/v2/users?") || req.url === "/v2/users") return void res.writeHead(200, { "content-type": "text/html" }).end("<html>not an API</html>");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(req.method === "POST" ? { id: 7, hours: 1 } : { id: 1, first_name: "Ada" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
    close = () => (server.closeAllConnections(), server.close());
  });
  afterAll(() => close?.());

  // A short attempt timeout only where the fault needs one to end (a hang, a trickle); elsewhere a slow machine must
  // not turn a reset into a timeout.
  let timeout = 10_000;
  const harvest = () =>
    connect("harvest", { baseUrl: url, credentials: { token: "t", account_id: "1" }, timeout, retries: RETRIES, backoff: { baseMs: 1, maxMs: 4 }, maxRetryAfter: 5, rateLimit: false });
  const read = () => harvest().execute("users", "me");
  const write = () => harvest().execute("time_entries", "create", { project_id: 1, task_id: 2, spent_date: "2026-06-01", hours: 1 });
  const run = async (faults: Fault[], call: () => Promise<unknown>): Promise<{ result?: unknown; error?: unknown; sent: number }> => {
    timeout = faults.some((f) => f === "hang" || f === "trickle") ? 150 : 10_000;
    plan = [...faults];
    requests = [];
    const outcome = await call().then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    plan = [];
    return { ...outcome, sent: requests.length };
  };

  it.each(FAULTS)("a read recovers from %s within the retries", async (fault) => {
    for (let round = 0; round < SCALE.faultRounds; round++) {
      const { result, sent } = await run([fault, fault], read);
      expect(result).toMatchObject({ data: { first_name: "Ada" } });
      // Two faults, then the answer; on a slow machine the answer itself may miss a short timeout once more.
      expect(sent).toBeGreaterThanOrEqual(3);
      expect(sent).toBeLessThanOrEqual(RETRIES + 1);
    }
  });

  it.each(FAULTS)("a read that meets %s on every attempt ends with a typed error after the bounded retries", async (fault) => {
    const { error, sent } = await run(Array(RETRIES + 1).fill(fault), read);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(FINAL_CODE[fault]);
    expect(sent).toBe(RETRIES + 1);
  });

  it.each(FAULTS.filter((f) => !f.startsWith("429")))("a write that meets %s is never sent again, and fails typed", async (fault) => {
    for (let round = 0; round < SCALE.faultRounds; round++) {
      const { error, sent } = await run([fault], write);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).code).toBe(FINAL_CODE[fault]);
      expect(sent).toBe(1);
    }
  });

  it.each(["429-retry-after", "429"] as Fault[])("a write refused with %s (not processed) is sent again and succeeds", async (fault) => {
    const { result, sent } = await run([fault], write);
    expect(result).toMatchObject({ data: { id: 7 } });
    expect(sent).toBe(2);
  });

  it("a 2xx answer that is not JSON where a list is expected is a typed error, not retried", async () => {
    const { error, sent } = await run([], () => harvest().execute("users", "list"));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toMatch(/^E_UPSTREAM/);
    expect(sent).toBe(1);
    reportFigures("faults", { fault_kinds: FAULTS.length, faults_injected: injected });
  });
});
