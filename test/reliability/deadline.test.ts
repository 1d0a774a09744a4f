/**
 * A hung upstream and a client that leaves. Promises: an execute ends at the server's deadline (--execute-timeout)
 * with a 504 E_TIMEOUT and its upstream request cancelled, not after retries x timeout (it held a request 123 s);
 * a client that disconnects cancels the upstream request and is audited as E_CANCELLED (it was E_INTERNAL); a
 * deadline that is not a positive number stops `connectors serve` at once, naming the flag (exit 4).
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ACCOUNT_ID, SANDBOX_PERSONAL_ACCESS_TOKEN } from "../../src/sandbox/harvest/credentials.js";
import type { AuditRow } from "../../src/server/store/types.js";
import { createWorkspace, sqliteBackend, startHarness, type Harness } from "../server/harness.js";

const CONNECTORS = "/api/v1/integrations/connectors";

/** An upstream that takes every request and never answers; it tells when one arrives and when its caller hangs up. */
async function hungUpstream() {
  const arrivals: ((req: IncomingMessage) => void)[] = [];
  const closed: Promise<void>[] = [];
  const server = createServer((req) => {
    closed.push(new Promise((resolve) => req.socket.once("close", () => resolve())));
    arrivals.shift()?.(req);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
    nextRequest: () => new Promise<IncomingMessage>((resolve) => arrivals.push(resolve)),
    /** Resolves once every request received so far has had its connection closed by the caller. */
    allClosed: () => Promise.all(closed),
    close: () => (server.closeAllConnections(), server.close()),
  };
}

describe("an execute against a hung upstream", () => {
  const backend = sqliteBackend();
  let h: Harness;
  let upstream: Awaited<ReturnType<typeof hungUpstream>>;
  let ws: { id: string; token: string };
  let account: string;

  /** The account's rows, waiting (a bounded number of polls) until there are `count`. */
  const rowsOnceThere = async (count: number): Promise<AuditRow[]> => {
    for (let i = 0; i < 200; i++) {
      const rows = await h.store.listAudit({ workspace_id: ws.id, connector_id: account, limit: 100 });
      if (rows.length >= count) return rows;
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`fewer than ${count} audit rows`);
  };

  beforeAll(async () => {
    upstream = await hungUpstream();
    // The default attempts (4) x timeout (30 s): only the deadline can end these calls in time.
    h = await startHarness(backend, { executeTimeoutSeconds: 0.5 });
    h.config.upstream!.harvest = { baseUrl: upstream.baseUrl, rateLimit: false };
    ws = await createWorkspace(h.call, "Acme");
    account = (await h.call("POST", CONNECTORS, ws.token, { connector_type: "harvest", name: "H", user_id: "alice", credentials: { token: SANDBOX_PERSONAL_ACCESS_TOKEN, account_id: SANDBOX_ACCOUNT_ID } })).body.id;
  });

  afterAll(async () => {
    upstream?.close();
    await h?.close();
    await backend.cleanup();
  });

  it("ends at the server's deadline with 504 E_TIMEOUT, the upstream request cancelled and audited as E_TIMEOUT", async () => {
    const answer = await h.call("POST", `${CONNECTORS}/${account}/execute`, ws.token, { entity: "users", action: "me" });
    expect(answer.status).toBe(504);
    expect(answer.body.error).toMatchObject({ code: "E_TIMEOUT", message: expect.stringMatching(/--execute-timeout/) });
    await upstream.allClosed();
    expect((await rowsOnceThere(1)).map((r) => r.outcome)).toEqual(["E_TIMEOUT"]);
  });

  it("cancels the upstream request when the client disconnects, audited as E_CANCELLED", async () => {
    const controller = new AbortController();
    const arrived = upstream.nextRequest();
    const call = fetch(`${h.server.url}${CONNECTORS}/${account}/execute`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ws.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ entity: "users", action: "me" }),
      signal: controller.signal,
    });
    await arrived;
    controller.abort();
    await expect(call).rejects.toThrow();
    await upstream.allClosed();
    expect((await rowsOnceThere(2)).map((r) => r.outcome)).toEqual(["E_TIMEOUT", "E_CANCELLED"]);
  });
});

describe("the CLI's flag values", () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ["dist/cli/main.js", ...args], { env: { ...process.env, CONNECTORS_MASTER_KEY: Buffer.alloc(32, 1).toString("base64") } }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );

  it.each([
    [["serve", "--execute-timeout", "abc", "--database", "sqlite::memory:"], "--execute-timeout", "a positive number"],
    [["serve", "--execute-timeout", "0", "--database", "sqlite::memory:"], "--execute-timeout", "a positive number"],
    [["execute", "harvest", "users", "me", "--sandbox", "--budget", "abc"], "--budget", "an amount of money"],
    [["execute", "harvest", "users", "list", "--sandbox", "--limit", "abc"], "--limit", "a whole number from 1 on"],
    [["execute", "harvest", "users", "list", "--sandbox", "--limit", "2.5"], "--limit", "a whole number from 1 on"],
  ])("%j is refused before anything runs, naming %s and what it takes (exit 4)", async (args, flag, what) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(4);
    expect(stderr).toContain(`option '${flag}`);
    expect(stderr).toContain(`It takes ${what}`);
  });
});
