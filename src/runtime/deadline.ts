/**
 * Overall time limits for requests of a second or more, watched by one shared coarse timer: a timer per
 * request costs more than the request overhead we allow, and undici's own timeouts only catch idle gaps.
 */

const TICK_MS = 250;

interface Watch {
  at: number;
  controller: AbortController;
}

const watches = new Set<Watch>();
let ticker: NodeJS.Timeout | undefined;

function tick(): void {
  const now = Date.now();
  for (const watch of watches)
    if (watch.at <= now) {
      watches.delete(watch);
      watch.controller.abort();
    }
  if (watches.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

export interface Deadline {
  signal: AbortSignal;
  /** Stop watching (the request finished). */
  clear(): void;
}

export function deadline(ms: number): Deadline {
  const watch: Watch = { at: Date.now() + ms, controller: new AbortController() };
  watches.add(watch);
  if (!ticker) {
    ticker = setInterval(tick, TICK_MS);
    ticker.unref();
  }
  return { signal: watch.controller.signal, clear: () => watches.delete(watch) };
}
