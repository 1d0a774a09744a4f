/** Two processes (two copies of the runtime's modules) sharing pacing and OAuth refreshes through a Coordinator. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CredentialRecord, CredentialStore } from "../../src/credentials/types.js";
import type { Coordinator } from "../../src/runtime/coordination.js";
import type { RateLimit } from "../../src/runtime/coordination.js";
import { SlidingWindow } from "../../src/runtime/rate-limit.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

let sandbox: SandboxServer;
beforeAll(async () => (sandbox = await startSandbox({ harvest: { rateLimit: false } })));
afterAll(() => sandbox.close());

/** What a database would give several processes: one window per key, one lock per key. */
function memoryCoordinator(): Coordinator & { keys: string[] } {
  const windows = new Map<string, SlidingWindow>();
  const locks = new Map<string, Promise<unknown>>();
  const keys: string[] = [];
  return {
    keys,
    window(key: string, limit: RateLimit) {
      keys.push(key);
      if (!windows.has(key)) windows.set(key, new SlidingWindow(limit));
      return windows.get(key)!;
    },
    exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const run = (locks.get(key) ?? Promise.resolve()).then(fn, fn);
      locks.set(key, run.catch(() => undefined));
      return run;
    },
  };
}

/** A store both processes read and write, handing out a new object on every read. */
function sharedStore(record: CredentialRecord): CredentialStore {
  let current = { ...record };
  return { get: () => ({ ...current }), update: (_c, _a, changes) => void (current = { ...current, ...changes }) };
}

/** A second, independent copy of the runtime, as another process would have. */
async function twoProcesses() {
  const first = await import("../../src/runtime/connector.js");
  vi.resetModules();
  const second = await import("../../src/runtime/connector.js");
  expect(second.connect).not.toBe(first.connect);
  return [first.connect, second.connect] as const;
}

describe("a Coordinator shared by two processes", () => {
  it("makes their concurrent calls cause ONE OAuth refresh", async () => {
    const [connectA, connectB] = await twoProcesses();
    const info = sandbox.connectors.harvest!;
    const store = sharedStore(info.credentials.oauth2!);
    const coordinator = memoryCoordinator();
    const options = { baseUrl: info.baseUrl, tokenUrl: info.tokenUrl, credentials: store, coordinator, accountKey: "account-1", rateLimit: false as const };
    const a = connectA("harvest", options);
    const b = connectB("harvest", options);
    const results = await Promise.all([1, 2, 3, 4].flatMap(() => [a.execute("users", "me"), b.execute("users", "me")]));
    expect(results.every((r) => r.meta.status === 200)).toBe(true);
    expect(sandbox.harvest.stats.tokenRequests).toBe(1);
  });

  it("keeps both processes under one account's limit", async () => {
    const [connectA, connectB] = await twoProcesses();
    const info = sandbox.connectors.harvest!;
    const coordinator = memoryCoordinator();
    const options = { baseUrl: info.baseUrl, credentials: info.credentials.personal_access_token!, coordinator, accountKey: "account-2", rateLimit: { requests: 3, perSeconds: 1 } };
    const a = connectA("harvest", options);
    const b = connectB("harvest", options);
    const started = Date.now();
    await Promise.all([a, b, a, b, a, b].map((c) => c.execute("company", "get")));
    // Alone, each process would send its three at once; shared, the sixth waits for the window to move.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(new Set(coordinator.keys)).toEqual(new Set(["harvest\0account-2\0default"]));
  });
});
