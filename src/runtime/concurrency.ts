/** Requests in flight per account: past the limit, callers queue in order instead of overflowing the API's plan. */
import { BoundedCache } from "./bounded-cache.js";

export class InFlightLimit {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly max: number) {}

  /** Resolves with a release function once a slot is free. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.max) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const abort = () => {
        const at = this.queue.indexOf(go);
        if (at !== -1) this.queue.splice(at, 1);
        reject(signal!.reason);
      };
      const go = () => {
        signal?.removeEventListener("abort", abort);
        resolve();
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener("abort", abort, { once: true });
      this.queue.push(go);
    });
    // The slot was handed over by a release: `active` already counts it.
    return this.releaser();
  }

  /** Whether a request holds a slot or waits for one. */
  busy(): boolean {
    return this.active > 0 || this.queue.length > 0;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    };
  }
}

/** Per account, kept while any request holds or waits for a slot, dropped once idle long enough or when over the size. */
export const inFlightLimits = new BoundedCache<string, InFlightLimit>({ max: 10_000, idleMs: 15 * 60_000, busy: (l) => l.busy() });

export function inFlightLimitFor(key: string, max: number): InFlightLimit {
  return inFlightLimits.getOrSet(`${key}\0${max}`, () => new InFlightLimit(max));
}
