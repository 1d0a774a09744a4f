/**
 * Overall time limits for answers of a second or more. undici's headersTimeout bounds the wait for the headers,
 * but its bodyTimeout only catches idle gaps: an answer trickling in would never end. A timer or AbortSignal per
 * request costs more than the whole per-call overhead we allow (and undici's listeners on one shared signal pile
 * up), so one coarse ticker stops the bodies that are overdue.
 */

const TICK_MS = 250;

interface Watch {
  at: number;
  stop(): void;
}

const watches = new Set<Watch>();
let ticker: NodeJS.Timeout | undefined;

function tick(): void {
  const now = Date.now();
  for (const watch of watches)
    if (watch.at <= now) {
      watches.delete(watch);
      watch.stop();
    }
  if (watches.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

/** Calls `stop` once `at` (epoch ms) has passed, give or take a quarter second; the returned function cancels. */
export function watchDeadline(at: number, stop: () => void): () => void {
  const watch: Watch = { at, stop };
  watches.add(watch);
  if (!ticker) {
    ticker = setInterval(tick, TICK_MS);
    ticker.unref();
  }
  return () => watches.delete(watch);
}
