/**
 * Scripts run on worker threads, one script per worker at a time, so that a script that computes (a loop, a big
 * sort) holds its own thread and never the process's event loop: a hosted server goes on answering everyone else.
 * Idle workers are kept for the next script (their QuickJS module loaded) and never keep the process alive.
 */
import { availableParallelism } from "node:os";
import { MessageChannel, Worker } from "node:worker_threads";
import type { GuestHost, VmEnd } from "./vm.js";
import { FLAG, type FromWorker, type SyncAnswer, type SyncRequest, type ToWorker, type WorkerSetup } from "./worker-messages.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);
const MAX_IDLE = Math.min(4, availableParallelism());

export interface WorkerControl {
  memoryBytes: number;
  /** Date.now() past which the VM interrupts the script. */
  deadline: number;
  /** Characters of logs the host keeps: the worker sends no more than that. */
  maxLogChars: number;
  /** Settles when the host ends the script (a limit, the caller) before it ended itself. */
  stopped: Promise<void>;
}

const idle: CodeWorker[] = [];

/** Runs a script on an idle worker, or a new one, and settles with how it ended. */
export function runInWorker(code: string, setup: string, host: GuestHost, control: WorkerControl): Promise<VmEnd> {
  return (idle.pop() ?? new CodeWorker()).run(code, setup, host, control);
}

class CodeWorker {
  private readonly worker: Worker;
  private readonly flags: Int32Array;
  private host?: GuestHost;
  private finish?: (end: VmEnd, reusable: boolean) => void;
  private exited = false;

  constructor() {
    const buffer = new SharedArrayBuffer(8);
    const { port1, port2 } = new MessageChannel();
    this.flags = new Int32Array(buffer);
    this.worker = new Worker(WORKER_URL, { workerData: { flags: buffer, syncPort: port2 } satisfies WorkerSetup, transferList: [port2] });
    this.worker.on("message", (messages: FromWorker[]) => messages.forEach((message) => this.heard(message)));
    this.worker.on("error", (error) => this.finish?.({ kind: "worker-failed", message: `the script's worker thread failed: ${error.message}` }, false));
    this.worker.on("exit", () => {
      this.exited = true;
      const at = idle.indexOf(this);
      if (at >= 0) idle.splice(at, 1);
      this.finish?.({ kind: "worker-failed", message: "the script's worker thread ended unexpectedly" }, false);
    });
    port1.on("message", ({ id, op, payload }: SyncRequest) => {
      const text = this.host ? this.host.requestSync(op, payload) : JSON.stringify({ error: { name: "Error", message: "no script is running" } });
      port1.postMessage({ id, text } satisfies SyncAnswer);
      Atomics.store(this.flags, FLAG.answered, 1);
      Atomics.notify(this.flags, FLAG.answered);
    });
    port1.unref();
  }

  run(code: string, setup: string, host: GuestHost, control: WorkerControl): Promise<VmEnd> {
    this.host = host;
    Atomics.store(this.flags, FLAG.stop, 0);
    this.worker.ref();
    return new Promise<VmEnd>((resolve) => {
      this.finish = (end, reusable) => {
        this.finish = undefined;
        this.host = undefined;
        this.release(reusable);
        resolve(end);
      };
      // The flag interrupts a script that computes; the message ends one that waits for its calls.
      void control.stopped.then(() => {
        if (this.host !== host) return;
        Atomics.store(this.flags, FLAG.stop, 1);
        this.post({ type: "stop" });
      });
      this.post({ type: "run", code, setup, memoryBytes: control.memoryBytes, deadline: control.deadline, maxLogChars: control.maxLogChars });
    });
  }

  private heard(message: FromWorker): void {
    const host = this.host;
    if (!host) return;
    if (message.type === "end") return this.finish?.(message.end, message.end.kind !== "host-stack");
    if (message.type === "log") return host.log(message.level, message.message);
    void host.request(message.op, message.payload).then(({ ok, text }) => this.post({ type: "answer", id: message.id, ok, text }));
  }

  private post(message: ToWorker): void {
    if (!this.exited) this.worker.postMessage(message);
  }

  /** Back to the idle list, or ended: after a failure, a thread whose stack ran out, or when enough are idle. */
  private release(reusable: boolean): void {
    if (reusable && !this.exited && idle.length < MAX_IDLE) {
      this.worker.unref();
      idle.push(this);
    } else void this.worker.terminate();
  }
}
