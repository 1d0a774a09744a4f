/**
 * Overall time limits for requests of a second or more. undici's own timeouts only catch idle gaps (an answer
 * trickling in would never end), and a timer or AbortController per request costs more than the whole overhead
 * we allow per call. So requests that start within the same quarter second with the same limit share one
 * AbortController, aborted by one coarse ticker: each request gets between its limit and half a second more.
 */
import { setMaxListeners } from "node:events";

const TICK_MS = 250;

interface Bucket {
  controller: AbortController;
  opened: number;
  /** When to abort: the limit of the bucket's last possible request, rounded up to the tick. */
  at: number;
}

/** The bucket currently taking new requests, per limit. */
const open = new Map<number, Bucket>();
const watched = new Set<Bucket>();
let ticker: NodeJS.Timeout | undefined;

function tick(): void {
  const now = Date.now();
  for (const bucket of watched)
    if (bucket.at <= now) {
      watched.delete(bucket);
      bucket.controller.abort();
    }
  if (watched.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

/** A signal that aborts no sooner than `ms` from now (and at most about half a second later). */
export function deadlineSignal(ms: number): AbortSignal {
  const now = Date.now();
  let bucket = open.get(ms);
  if (!bucket || now - bucket.opened >= TICK_MS) {
    const controller = new AbortController();
    // Many requests listen to one signal on purpose.
    setMaxListeners(0, controller.signal);
    bucket = { controller, opened: now, at: now + ms + TICK_MS };
    open.set(ms, bucket);
    watched.add(bucket);
    if (!ticker) {
      ticker = setInterval(tick, TICK_MS);
      ticker.unref();
    }
  }
  return bucket.controller.signal;
}
