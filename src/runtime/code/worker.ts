/**
 * A code worker: runs one script at a time in QuickJS, on a thread of its own, so a script that computes holds this
 * thread and never the process's event loop. Its host is the main thread: calls and logs cross as messages, docs
 * as a synchronous request answered on its own port.
 */
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { logLength } from "./limits.js";
import { runInVm, type GuestHost } from "./vm.js";
import { FLAG, type FromWorker, type SyncAnswer, type SyncRequest, type ToWorker, type WorkerSetup } from "./worker-messages.js";

/** Longer than any docs() answer takes; past it the main thread is stuck or gone and the script gets an error. */
const SYNC_WAIT_MS = 10_000;

const { flags: buffer, syncPort } = workerData as WorkerSetup;
const flags = new Int32Array(buffer);
const port = parentPort!;
/**
 * Messages go out together once the VM's current step is over: the calls of a `Promise.all` reach the host in one
 * message and start together, as they would in the process. A step that never ends (a loop making calls it does not
 * await) sends them every BATCH messages, so the host still counts them against the calls limit and stops it.
 */
const BATCH = 64;
let outbox: FromWorker[] = [];
function send(message: FromWorker): void {
  const waiting = outbox.push(message);
  if (waiting === 1) queueMicrotask(flush);
  else if (waiting >= BATCH) flush();
}
function flush(): void {
  if (!outbox.length) return;
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
    const id = nextId++;
    const until = Date.now() + SYNC_WAIT_MS;
    Atomics.store(flags, FLAG.answered, 0);
    syncPort.postMessage({ id, op, payload } satisfies SyncRequest);
    for (;;) {
      // Answers to requests that gave up waiting are dropped: only this request's answers it.
      for (let got = receiveMessageOnPort(syncPort); got; got = receiveMessageOnPort(syncPort)) {
        const answer = got.message as SyncAnswer;
        if (answer.id === id) return answer.text;
      }
      const left = until - Date.now();
      if (left <= 0) return JSON.stringify({ error: { name: "Error", message: "the host did not answer" } });
      Atomics.wait(flags, FLAG.answered, 0, left);
      Atomics.store(flags, FLAG.answered, 0);
    }
  },
  log(level, message) {
    if (logRoom <= 0) return;
    logRoom -= logLength(message);
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
