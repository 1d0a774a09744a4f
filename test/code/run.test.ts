/** Code mode from the library: connector.run(code) against the Harvest sandbox, as a user or a model writes scripts. */
import { Dispatcher } from "undici";
import { describe, expect, it } from "vitest";
import { LimitError, ScopeError, ScriptError, ValidationError } from "../../src/errors.js";
import { useHarvestSandbox } from "../agent/sandbox.js";
import { connect } from "../../src/index.js";
import { mockDispatcher } from "../../src/sandbox/msw/dispatcher.js";
import { createSandbox, sandboxCredentials } from "../../src/sandbox/registry.js";

const { harvest, sent } = useHarvestSandbox();
type Rec = Record<string, any>;

describe("a script", () => {
  it("answers an aggregate question with the same figure as execute: June's billable hours per client", async () => {
    const c = harvest();
    const { result, calls, logs } = await c.run<Record<string, number>>(`
      const { data } = await harvest.time_entries.list({ from: "2026-06-01", to: "2026-06-30" }, { all: true });
      console.log("entries", data.length);
      const perClient = {};
      for (const entry of data) if (entry.billable) perClient[entry.client.name] = (perClient[entry.client.name] ?? 0) + entry.hours;
      return perClient;
    `);
    const direct = await c.execute<Rec[]>("time_entries", "list", { from: "2026-06-01", to: "2026-06-30" }, { all: true });
    const expected: Record<string, number> = {};
    for (const entry of direct.data) if (entry.billable) expected[entry.client.name] = (expected[entry.client.name] ?? 0) + entry.hours;
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(result).toEqual(expected);
    expect(calls).toBe(1);
    expect(logs).toEqual([{ level: "log", message: `entries ${direct.data.length}` }]);
  });

  it("runs Promise.all of calls concurrently, within the connector's own concurrency", async () => {
    const script = `
      const { data: projects } = await harvest.projects.list({}, { limit: 5 });
      const lists = await Promise.all(projects.map((p) => harvest.time_entries.list({ project_id: p.id }, { all: true })));
      return projects.map((p, i) => ({ id: p.id, entries: lists[i].data.length, all: lists[i].data.every((e) => e.project.id === p.id) }));
    `;
    // Its own sandbox, answered through a dispatcher that counts the requests open at once.
    const sandbox = createSandbox("harvest");
    const counted = (options: { concurrency?: number } = {}) => {
      const counter = inFlightCounter(mockDispatcher(sandbox.handlers));
      return { counter, connector: connect("harvest", { dispatcher: counter.dispatcher, credentials: sandboxCredentials("harvest").personal_access_token, ...options }) };
    };
    const open = counted();
    const { result, calls } = await open.connector.run<{ id: number; entries: number; all: boolean }[]>(script);
    expect(result).toHaveLength(5);
    expect(result.every((p) => p.all && p.entries > 0)).toBe(true);
    expect(calls).toBe(6);
    expect(open.counter.max).toBe(5);
    const paced = counted({ concurrency: 2 });
    await paced.connector.run(script);
    expect(paced.counter.max).toBe(2);
  });

  it("reads the docs of an action or an entity, within its scope", async () => {
    const { result } = await harvest({ readOnly: true }).run<Rec>(`
      const list = docs("time_entries.list");
      const entity = harvest.docs("time_entries");
      let refused;
      try { docs("time_entries.create") } catch (e) { refused = { name: e.name, code: e.code } }
      let unknown;
      try { docs("time_entry") } catch (e) { unknown = { code: e.code, message: e.message } }
      return { list, actions: Object.keys(entity.actions), refused, unknown };
    `);
    expect(result.list).toMatchObject({ connector: "harvest", entity: "time_entries", action: "list", list: true, read_only: true, record: "TimeEntry" });
    expect(result.list.fields).toEqual(expect.arrayContaining(["hours", "billable", "client.name", "project.id"]));
    expect(result.list.description).toMatch(/time entries/i);
    expect(result.list.params.properties.from).toMatchObject({ type: "string", format: "date" });
    expect(result.actions).toEqual(["list", "get"]);
    expect(result.refused).toEqual({ name: "ScopeError", code: "E_SCOPE" });
    expect(result.unknown.code).toBe("E_VALIDATION");
    expect(result.unknown.message).toMatch(/entities: .*time_entries/);
  });

  it("uses a named account with that account's credentials", async () => {
    const good = sandboxCredentials("harvest").personal_access_token;
    const asked: string[] = [];
    const store = { get: (_c: string, account: string) => (asked.push(account), account === "work" ? good : undefined) };
    const { result } = await harvest({ credentials: store }).run(`
      const me = await harvest.account("work").users.me();
      let otherwise;
      try { await harvest.users.me() } catch (e) { otherwise = e.code }
      return { name: me.data.first_name, otherwise };
    `);
    expect(result).toEqual({ name: "Alex", otherwise: "E_AUTH" });
    expect(asked).toEqual(["work", "default"]);
  });

  it("gets call errors as catchable objects with name, code and message, as execute throws them", async () => {
    const { result } = await harvest().run<Rec>(`
      try { await harvest.projects.list({ nope: 1 }) } catch (e) { return { isError: e instanceof Error, name: e.name, code: e.code, message: e.message, issues: e.issues } }
    `);
    const direct: ValidationError = await harvest()
      .execute("projects" as string, "list", { nope: 1 })
      .catch((e) => e);
    expect(result).toEqual({ isError: true, name: "ValidationError", code: "E_VALIDATION", message: direct.message, issues: direct.issues });
  });

  it("that lets a call's error through ends with that error, and the line of the call", async () => {
    const error = await harvest({ readOnly: true }).run(`const a = 1;\n\nawait harvest.clients.create({ name: "Acme" });`).catch((e) => e);
    expect(error).toBeInstanceOf(ScopeError);
    expect(sent().filter((r) => r.startsWith("POST"))).toEqual([]);
    const { runScript } = await import("../../src/runtime/code/run.js");
    const report = await runScript([harvest({ readOnly: true })], `const a = 1;\n\nawait harvest.clients.create({ name: "Acme" });`);
    expect(report).toMatchObject({ error: { code: "E_SCOPE" }, line: 3, calls: 1 });
  });

  it("that throws, or does not parse, ends with a ScriptError naming the line", async () => {
    await expect(harvest().run(`const x = null;\nreturn x.y;`)).rejects.toMatchObject({ code: "E_SCRIPT", errorName: "TypeError", line: 2, message: expect.stringMatching(/^TypeError at line 2: /) });
    await expect(harvest().run(`let a = 1;\nlet b = ;`)).rejects.toMatchObject({ code: "E_SCRIPT", errorName: "SyntaxError", line: 2 });
    await expect(harvest().run(`throw "plain"`)).rejects.toBeInstanceOf(ScriptError);
  });

  it("sends console lines to logs, in order, as they are written", async () => {
    const heard: string[] = [];
    const { logs, result } = await harvest().run(`console.log("a", 1, { b: [2] }); console.warn("w"); console.error(new TypeError("e")); return undefined`, {
      onLog: (entry) => heard.push(entry.message),
    });
    expect(logs).toEqual([
      { level: "log", message: 'a 1 {"b":[2]}' },
      { level: "warn", message: "w" },
      { level: "error", message: "TypeError: e" },
    ]);
    expect(heard).toEqual(["a 1 {\"b\":[2]}", "w", "TypeError: e"]);
    expect(result).toBeUndefined();
  });
});

describe("the sandbox", () => {
  it("offers nothing from the host: no process, require, fetch, import, timers or host functions", async () => {
    const { result } = await harvest().run<Rec>(`
      let imported;
      try { await import("node:fs"); imported = "yes" } catch (e) { imported = "refused" }
      return { types: [typeof process, typeof require, typeof fetch, typeof setTimeout, typeof XMLHttpRequest, typeof WebAssembly], imported, globals: Object.getOwnPropertyNames(globalThis) };
    `);
    expect(result.types).toEqual(["undefined", "undefined", "undefined", "undefined", "undefined", "undefined"]);
    expect(result.imported).toBe("refused");
    const ours = result.globals.filter((name: string) => !/^[A-Z]/.test(name) && !STANDARD_GLOBALS.has(name));
    expect(ours.sort()).toEqual(["console", "docs", "harvest"]);
  });

  it("never lets a credential in: canary values appear in no result, log or error", async () => {
    const canary = "canary-token-0f9d";
    const store = { get: () => ({ token: canary, account_id: "canary-account-77" }) };
    const script = `
      const seen = [];
      for (const name of Object.getOwnPropertyNames(globalThis)) { try { seen.push(name, JSON.stringify(globalThis[name])) } catch (e) { seen.push(String(e)) } }
      seen.push(JSON.stringify(docs("users")), String(harvest.account), JSON.stringify(harvest.account("work")));
      for (const call of [() => harvest.users.me(), () => harvest.account("work").projects.list()]) {
        try { seen.push(JSON.stringify(await call())) } catch (e) { seen.push(JSON.stringify(e), e.message, e.stack) }
      }
      console.log(seen.join("\\n"));
      return seen;
    `;
    const { result, logs } = await harvest({ credentials: store }).run(script);
    const text = JSON.stringify([result, logs]);
    expect(text).toContain("E_AUTH");
    expect(text).not.toContain(canary);
    expect(text).not.toContain("canary-account-77");
    const thrown = await harvest({ credentials: store }).run(`await harvest.users.me()`).catch((e) => e);
    expect(thrown.code).toBe("E_AUTH");
    expect(JSON.stringify(thrown) + thrown.message).not.toContain(canary);
  });
});

describe("limits", () => {
  it("stop a script that never ends with the time-limit error, by interrupting the VM", async () => {
    const started = performance.now();
    const error = await harvest().run(`let n = 0;\nwhile (true) { n++ }`, { timeout: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(LimitError);
    expect(error).toMatchObject({ limit: "time", value: 300, option: "timeout", message: expect.stringMatching(/time limit of 0.3 s.*option timeout/) });
    expect(performance.now() - started).toBeLessThan(300 + 1000);
  });

  it("leave the event loop free while a script computes, and run scripts side by side", async () => {
    const connector = harvest({ rateLimit: false });
    const controller = new AbortController();
    let spinning = true;
    const spin = connector.run(`while (true) {}`, { signal: controller.signal }).catch((e) => e).finally(() => (spinning = false));
    const [me, sum] = await Promise.all([connector.execute("users", "me"), connector.run(`let n = 0; for (let i = 0; i < 1e6; i++) n += i; return n`)]);
    expect(me.data).toMatchObject({ first_name: "Alex" });
    expect(sum.result).toBe(499999500000);
    expect(spinning).toBe(true);
    controller.abort();
    expect(await spin).toMatchObject({ code: "E_CANCELLED" });
  });

  it("stop a script waiting on calls when its time is up, and cancel them", async () => {
    // Unpaced: hundreds of calls in the sandbox would otherwise fill Harvest's 100-per-15-s window for the next tests.
    const error = await harvest({ rateLimit: false }).run(`while (true) await harvest.users.me();`, { timeout: 300 }).catch((e) => e);
    expect(error).toMatchObject({ code: "E_LIMIT", limit: "time" });
  });

  it("stop a script that allocates past its memory with the memory error, even if it catches", async () => {
    const hungry = `const all = []; while (true) all.push({ n: all.length, s: "x" + all.length });`;
    await expect(harvest().run(hungry, { maxMemoryMb: 8 })).rejects.toMatchObject({ code: "E_LIMIT", limit: "memory", value: 8, option: "maxMemoryMb" });
    await expect(harvest().run(`try { ${hungry} } catch (e) { throw e }`, { maxMemoryMb: 8 })).rejects.toMatchObject({ limit: "memory" });
  });

  it("stop a script at its number of calls, whatever it catches", async () => {
    const error = await harvest().run(`for (let i = 0; i < 10; i++) { try { await harvest.users.me() } catch (e) {} } return "went on"`, { maxCalls: 3 }).catch((e) => e);
    expect(error).toMatchObject({ code: "E_LIMIT", limit: "calls", value: 3, option: "maxCalls" });
    expect(sent().filter((r) => r === "GET /users/me")).toHaveLength(3);
  });

  it("keep logs to the result's cap, and say where they were cut, however much a script logs", async () => {
    const { result, logs } = await harvest().run(`for (let i = 0; i < 200000; i++) console.log("line " + i);\nreturn "done"`, { maxResultChars: 1000 });
    expect(result).toBe("done");
    expect(logs.at(-1)!.message).toMatch(/\[logs cut at 1000 characters\]$/);
    expect(logs.map((l) => l.message.replace(/ \[logs cut.*$/, "")).join("").length).toBe(1000);
    expect(logs.slice(0, 3).map((l) => l.message)).toEqual(["line 0", "line 1", "line 2"]);
  });

  it("refuse a result larger than the cap, saying how large it was", async () => {
    await expect(harvest().run(`return "x".repeat(100)`, { maxResultChars: 50 })).rejects.toMatchObject({ code: "E_LIMIT", limit: "result", message: expect.stringMatching(/102 characters.*over the limit of 50/) });
    await expect(harvest().run(`return ["a"]`, { maxResultChars: 50 })).resolves.toMatchObject({ result: ["a"] });
  });

  it("are checked before anything runs", async () => {
    const error = await harvest().run(`return 1`, { timeout: 0, maxCalls: 1.5, budget: -1 }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: { param: string }) => i.param)).toEqual(["timeout", "maxCalls", "budget"]);
    await expect(harvest().run("  ")).rejects.toThrow(/non-empty string/);
  });

  it("end when the caller cancels", async () => {
    const controller = new AbortController();
    const running = harvest({ rateLimit: false }).run(`while (true) await harvest.users.me();`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toMatchObject({ code: "E_CANCELLED" });
  });

  it("end at once when the caller's signal is aborted before the script starts", async () => {
    // A time limit far past the test's own: only the signal can end this script in time.
    const running = harvest().run(`while (true) {}`, { signal: AbortSignal.abort(), timeout: 600_000 });
    await expect(running).rejects.toMatchObject({ code: "E_CANCELLED" });
  });

  it("stop a loop that starts calls without awaiting them at its number of calls, not at its time limit", async () => {
    // Memory enough that only the calls limit can end it before the test's own timeout.
    const running = harvest({ rateLimit: false }).run(`for (;;) harvest.users.me().catch(() => {});`, { maxCalls: 20, timeout: 600_000, maxMemoryMb: 2048 });
    await expect(running).rejects.toMatchObject({ code: "E_LIMIT", limit: "calls" });
  }, 10_000);

  it("count empty console lines against the log cap, so a loop of them is cut too", async () => {
    const error = await harvest().run(`while (true) console.log("");`, { maxResultChars: 100, timeout: 500 }).catch((e) => e);
    expect(error).toMatchObject({ code: "E_LIMIT", limit: "time" });
    const { logs } = await harvest().run(`for (let i = 0; i < 100000; i++) console.log("");\nreturn 1`, { maxResultChars: 100 });
    expect(logs).toHaveLength(100);
    expect(logs.at(-1)!.message).toBe(" [logs cut at 100 characters]");
  });
});

/** The standard ECMAScript globals QuickJS has in lower case; everything else a script sees must be ours. */
const STANDARD_GLOBALS = new Set(["globalThis", "parseInt", "parseFloat", "isNaN", "isFinite", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape", "eval", "undefined", "NaN", "Infinity"]);

/** A dispatcher in front of `inner` that counts the requests in flight at once. */
function inFlightCounter(inner: Dispatcher): { dispatcher: Dispatcher; readonly max: number } {
  let open = 0;
  let max = 0;
  class Counting extends Dispatcher {
    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      max = Math.max(max, ++open);
      let closed = false;
      const close = () => {
        if (!closed) open--;
        closed = true;
      };
      const wrapped = new Proxy(handler, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== "function") return value;
          if (["onComplete", "onError", "onResponseEnd", "onResponseError"].includes(String(key))) return (...args: unknown[]) => (close(), value.apply(target, args));
          return value.bind(target);
        },
      });
      return inner.dispatch(options, wrapped);
    }
  }
  return {
    dispatcher: new Counting(),
    get max() {
      return max;
    },
  };
}
