/**
 * A code worker: runs one script at a time in QuickJS, on a thread of its own, so a script that computes holds this
 * thread and never the process's event loop. Its host is the main thread: calls and logs cross as messages, docs
 * as a synchronous request answered on its own port.
 */
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { runInVm, type GuestHost } from "./vm.js";
import { FLAG, type FromWorker, type SyncRequest, type ToWorker, type WorkerSetup } from "./worker-messages.js";

/** Longer than any docs() answer takes; past it the main thread is gone and the script gets an error. */
const SYNC_WAIT_MS = 10_000;

const { flags: buffer, syncPort } = workerData as WorkerSetup;
const flags = new Int32Array(buffer);
const port = parentPort!;
/**
 * Messages go out together once the VM's current step is over: the calls of a `Promise.all` reach the host in one
 * message and start together, as they would in the process.
 */
let outbox: FromWorker[] = [];
function send(message: FromWorker): void {
  if (outbox.push(message) === 1) queueMicrotask(flush);
}
function flush(): void {
  port.postMessage(outbox);
  outbox = [];
}

/** Ids never repeat in a worker's life: an answer to a script that has ended matches nothing of the next. */
let nextId = 0;
const answers = new Map<number, (answer: { ok: boolean; text: string }) => void>();
let stop: () => void = () => {};
/** The host keeps this many characters of logs and drops the rest: the worker need not send more (a script may log in a loop). */
let logRoom = 0;

const host: GuestHost = {
  request(op, payload) {
    const id = nextId++;
    return new Promise((resolve) => {
      answers.set(id, (answer) => (answers.delete(id), resolve(answer)));
      send({ type: "request", id, op, payload });
    });
  },
  requestSync(op, payload) {
    Atomics.store(flags, FLAG.answered, 0);
    syncPort.postMessage({ op, payload } satisfies SyncRequest);
    Atomics.wait(flags, FLAG.answered, 0, SYNC_WAIT_MS);
    const answer = receiveMessageOnPort(syncPort);
    return answer ? (answer.message as string) : JSON.stringify({ error: { name: "Error", message: "the host did not answer" } });
  },
  log(level, message) {
    if (logRoom <= 0) return;
    logRoom -= message.length;
    send({ type: "log", level, message });
  },
};

port.on("message", (message: ToWorker) => {
  if (message.type === "answer") answers.get(message.id)?.(message);
  else if (message.type === "stop") stop();
  else void run(message);
});

async function run({ code, setup, memoryBytes, deadline, maxLogChars }: Extract<ToWorker, { type: "run" }>): Promise<void> {
  answers.clear();
  logRoom = maxLogChars;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const end = await runInVm(code, setup, host, { memoryBytes, shouldStop: () => Atomics.load(flags, FLAG.stop) === 1 || Date.now() >= deadline, stopped });
  send({ type: "end", end });
}
