/**
 * One script in its own QuickJS runtime: memory and stack limits, an interrupt check while it computes, and a pump
 * that runs its promise jobs whenever one of its calls comes back. Only strings cross: the host answers calls with
 * JSON text and reads the outcome as the string the prelude's `finish` makes.
 */
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSWASMModule } from "quickjs-emscripten-core";
import { PRELUDE, wrapScript } from "./prelude.js";
import { discardQuickJS, quickJS } from "./quickjs.js";

/**
 * QuickJS's own stack check: deep enough for ordinary recursion (about 700 frames), small enough that the host's
 * stack, which the VM's frames also use, does not run out first.
 */
const MAX_STACK_BYTES = 128 * 1024;

export interface GuestHost {
  /** A call from the script; `ok: false` rejects it with the error described by `text` (JSON). */
  request(op: string, payload: string): Promise<{ ok: boolean; text: string }>;
  /** A synchronous request (docs): JSON text of { ok } or { error }. */
  requestSync(op: string, payload: string): string;
  log(level: string, message: string): void;
}

export interface VmControl {
  memoryBytes: number;
  /** Checked while the script computes: true interrupts it. */
  shouldStop(): boolean;
  /** Settles when the host ends the script (time up, a limit, cancelled) while it waits for calls. */
  stopped: Promise<void>;
}

/** The script's error as it described it (ref: the call error it let through). */
export interface GuestError {
  name: string;
  message: string;
  stack?: string;
  ref?: number;
  line?: number;
}

export type VmEnd =
  | { kind: "returned"; json: string | undefined }
  | { kind: "too-large"; chars: number }
  | { kind: "threw"; error: GuestError }
  | { kind: "stopped" }
  | { kind: "out-of-memory" }
  /** The host's own stack ran out inside the VM (a deeply nested value); the module was dropped. */
  | { kind: "host-stack" }
  /** The script's worker thread failed or could not start: nothing the script did. */
  | { kind: "worker-failed"; message: string };

export async function runInVm(code: string, setup: string, host: GuestHost, control: VmControl): Promise<VmEnd> {
  const module = await quickJS();
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(control.memoryBytes);
  runtime.setMaxStackSize(MAX_STACK_BYTES);
  runtime.setInterruptHandler(() => control.shouldStop());
  const session = new Session(runtime.newContext(), host, control);
  const end = await session.run(code, setup);
  if (end.kind === "host-stack") discardQuickJS(module);
  else release(module, () => (session.dispose(), runtime.dispose()));
  return end;
}

/** Frees the VM; should QuickJS refuse, the module is dropped rather than reused. */
function release(module: QuickJSWASMModule, dispose: () => void): void {
  try {
    dispose();
  } catch {
    discardQuickJS(module);
  }
}

class Session {
  private readonly owned: QuickJSHandle[] = [];
  private readonly pending = new Set<QuickJSDeferredPromise>();
  private outcome?: QuickJSHandle;
  private finished = false;
  private resolveEnd!: (end: VmEnd) => void;

  constructor(
    private readonly vm: QuickJSContext,
    private readonly host: GuestHost,
    private readonly control: VmControl,
  ) {}

  run(code: string, setup: string): Promise<VmEnd> {
    const ended = new Promise<VmEnd>((resolve) => (this.resolveEnd = resolve));
    void this.control.stopped.then(() => this.end({ kind: "stopped" }));
    this.guard(() => this.start(code, setup));
    return ended;
  }

  dispose(): void {
    for (const deferred of this.pending) deferred.dispose();
    for (const handle of [...this.owned, this.outcome]) if (handle?.alive) handle.dispose();
    this.vm.dispose();
  }

  private start(code: string, setup: string): void {
    const vm = this.vm;
    const prelude = this.own(vm.unwrapResult(vm.evalCode(PRELUDE, "prelude.js")));
    const args = [this.own(this.hostFunction()), this.own(this.syncFunction()), this.own(this.logFunction()), this.own(vm.newString(setup))];
    const finish = this.own(vm.unwrapResult(vm.callFunction(prelude, vm.undefined, ...args)));
    const script = vm.evalCode(wrapScript(code), "script.js");
    if (script.error) return this.end({ kind: "threw", error: this.guestError(script.error) });
    this.own(script.value);
    this.outcome = vm.unwrapResult(vm.callFunction(finish, vm.undefined, script.value));
    this.pump();
  }

  private hostFunction(): QuickJSHandle {
    return this.vm.newFunction("host", (op, payload) => {
      const deferred = this.vm.newPromise();
      this.pending.add(deferred);
      void this.host.request(this.vm.getString(op), this.vm.getString(payload)).then((answer) => this.guard(() => this.answer(deferred, answer)));
      return deferred.handle;
    });
  }

  private syncFunction(): QuickJSHandle {
    return this.vm.newFunction("hostSync", (op, payload) => this.vm.newString(this.host.requestSync(this.vm.getString(op), this.vm.getString(payload))));
  }

  private logFunction(): QuickJSHandle {
    return this.vm.newFunction("log", (level, message) => void this.host.log(this.vm.getString(level), this.vm.getString(message)));
  }

  private answer(deferred: QuickJSDeferredPromise, { ok, text }: { ok: boolean; text: string }): void {
    if (this.finished) return;
    this.pending.delete(deferred);
    const value = this.vm.newString(text);
    if (ok) deferred.resolve(value);
    else deferred.reject(value);
    value.dispose();
    deferred.dispose();
    this.pump();
  }

  /** Runs the promise jobs the script has ready, then sees whether it has finished. */
  private pump(): void {
    const jobs = this.vm.runtime.executePendingJobs();
    if (jobs.error) {
      const error = this.guestError(jobs.error);
      if (error.message === "out of memory") return this.end({ kind: "out-of-memory" });
    }
    if (this.control.shouldStop()) return this.end({ kind: "stopped" });
    const state = this.vm.getPromiseState(this.outcome!);
    if (state.type === "pending") return;
    if (state.type === "rejected") return this.end(this.uncaught(this.guestError(state.error)));
    const text = this.vm.getString(state.value);
    state.value.dispose();
    this.end(outcomeOf(text));
  }

  /** What escapes `finish` is QuickJS's own: out of memory, or an interruption. */
  private uncaught(error: GuestError): VmEnd {
    if (error.message === "out of memory") return { kind: "out-of-memory" };
    if (this.control.shouldStop()) return { kind: "stopped" };
    return { kind: "threw", error };
  }

  private guestError(handle: QuickJSHandle): GuestError {
    const dumped = this.vm.dump(handle) as { name?: unknown; message?: unknown; stack?: unknown; lineNumber?: unknown } | null;
    handle.dispose();
    const error: GuestError = { name: String(dumped?.name ?? "Error"), message: String(dumped?.message ?? dumped) };
    if (typeof dumped?.stack === "string") error.stack = dumped.stack;
    if (typeof dumped?.lineNumber === "number") error.line = dumped.lineNumber;
    return error;
  }

  /** Runs a step; the host's stack running out inside the VM ends the script (and the module is not reused). */
  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (this.finished) return;
      if (this.control.shouldStop()) return this.end({ kind: "stopped" });
      if (error instanceof RangeError) return this.end({ kind: "host-stack" });
      this.end({ kind: "threw", error: { name: "Error", message: `the script could not be run: ${(error as Error).message}` } });
    }
  }

  private end(end: VmEnd): void {
    if (this.finished) return;
    this.finished = true;
    this.resolveEnd(end);
  }

  private own(handle: QuickJSHandle): QuickJSHandle {
    this.owned.push(handle);
    return handle;
  }
}

function outcomeOf(text: string): VmEnd {
  const body = text.slice(1);
  switch (text[0]) {
    case "R":
      return { kind: "returned", json: body };
    case "U":
      return { kind: "returned", json: undefined };
    case "L":
      return { kind: "too-large", chars: Number(body) };
    default:
      return { kind: "threw", error: JSON.parse(body) as GuestError };
  }
}
