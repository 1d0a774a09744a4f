/**
 * State a long-running process or several processes share. Promises: the process-wide maps (rate windows, in-flight
 * limits, OAuth sessions, prepared records) stay bounded however many accounts pass through (LRU, idle expiry) and
 * never drop an entry in use; two CLI processes writing the local vault at once never lose a record (real child
 * processes; it lost them before the lock).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CredentialVault } from "../../src/credentials/vault.js";
import { BoundedCache } from "../../src/runtime/bounded-cache.js";
import { inFlightLimitFor, inFlightLimits } from "../../src/runtime/concurrency.js";
import { rateWindows, windowFor } from "../../src/runtime/rate-limit.js";
import { demo, mockApi, API } from "../runtime/helpers.js";
import { preparedByContents } from "../../src/runtime/send.js";
import { reportFigures } from "./scale.js";

describe("a bounded cache", () => {
  afterEach(() => vi.useRealTimers());

  it("drops the least recently used past its size, keeps busy entries, and expires idle ones", () => {
    vi.useFakeTimers();
    const busy = new Set<string>();
    const cache = new BoundedCache<string, string>({ max: 3, idleMs: 1000, busy: (v) => busy.has(v) });
    for (const key of ["a", "b", "c"]) cache.set(key, key);
    cache.get("a");
    busy.add("b");
    cache.set("d", "d");
    // "b" is the least recently used but busy: "c" goes instead.
    expect(["a", "b", "c", "d"].filter((k) => cache.get(k) !== undefined)).toEqual(["a", "b", "d"]);
    vi.advanceTimersByTime(1001);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe("b");
    busy.clear();
    vi.advanceTimersByTime(1001);
    cache.set("e", "e");
    expect(cache.size).toBe(1);
  });
});

describe("the runtime's process-wide maps", () => {
  it("stay within their bounds over 12,000 accounts, however many pass through", () => {
    for (let i = 0; i < 12_000; i++) {
      windowFor(`demo\0account-${i}\0default`, { requests: 10, perSeconds: 1 });
      inFlightLimitFor(`demo\0account-${i}`, 2);
    }
    expect(rateWindows.size).toBeLessThanOrEqual(10_000);
    expect(inFlightLimits.size).toBeLessThanOrEqual(10_000);
  });

  it("keep a window that still counts requests, so no account escapes its pace", async () => {
    const window = windowFor("demo\0busy-account\0default", { requests: 1, perSeconds: 60 });
    (await window.acquire())();
    for (let i = 0; i < 12_000; i++) windowFor(`demo\0crowd-${i}\0default`, { requests: 1, perSeconds: 60 }).acquire().then((done) => done());
    expect(windowFor("demo\0busy-account\0default", { requests: 1, perSeconds: 60 })).toBe(window);
  });

  it("hold at most 1000 prepared credential records", async () => {
    const { agent, on } = mockApi();
    on(API, "GET", "/v1/items/1", () => [200, { item: 1 }], 1100);
    for (let i = 0; i < 1100; i++) await demo({ dispatcher: agent, credentials: { api_key: `key-${i}` }, rateLimit: false }).execute("items", "get", { id: 1 });
    expect(preparedByContents.size).toBeLessThanOrEqual(1000);
  });
});

describe("the local vault written by several processes at once", () => {
  const VAULT = new URL("../../dist/credentials/vault.js", import.meta.url).pathname;
  const PROCESSES = 4;
  const RECORDS_EACH = 25;

  it(`keeps every record when ${PROCESSES} processes each store ${RECORDS_EACH} at the same time`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "connectors-vault-race-"));
    const env = { ...process.env, CONNECTORS_CONFIG_DIR: dir, CONNECTORS_MASTER_KEY: Buffer.alloc(32, 9).toString("base64") };
    const script = `
      const { CredentialVault } = await import(${JSON.stringify(VAULT)});
      const vault = new CredentialVault();
      const [writer, count] = process.argv.slice(1).map(Number);
      for (let i = 0; i < count; i++) vault.set("harvest", "w" + writer + "-" + i, "personal_access_token", { token: "t" + writer + "-" + i, account_id: "1" });`;
    try {
      const exits = await Promise.all(
        Array.from({ length: PROCESSES }, (_, writer) => {
          const child = spawn(process.execPath, ["--input-type=module", "-e", script, String(writer), String(RECORDS_EACH)], { env, stdio: ["ignore", "ignore", "inherit"] });
          return new Promise<number | null>((resolve) => child.once("exit", resolve));
        }),
      );
      expect(exits).toEqual(Array(PROCESSES).fill(0));
      const vault = new CredentialVault({ dir, env });
      expect(vault.list()).toHaveLength(PROCESSES * RECORDS_EACH);
      expect(vault.get("harvest", "w3-24")).toMatchObject({ token: "t3-24" });
      reportFigures("vault lock", { processes: PROCESSES, records_written: PROCESSES * RECORDS_EACH, records_kept: vault.list().length });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
