/**
 * Client-side pacing: a sliding window per account and rate-limit group, so normal use never meets a 429.
 * Windows are shared by every connection in the process that uses the same account.
 */
import { BoundedCache } from "./bounded-cache.js";
import type { RateLimit, RateWindow } from "./coordination.js";
import { sleep } from "./wait.js";

export class SlidingWindow implements RateWindow {
  /** When each request in the window counts from: its send time, then its completion time. */
  private readonly stamps: { at: number }[] = [];
  private pausedUntil = 0;

  constructor(private readonly limit: RateLimit) {}

  /**
   * Resolves when one more request may go out, and counts it. Call the returned function when its answer
   * arrives: the server counted the request at some point before then, so the window counts from then too.
   */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    const windowMs = this.limit.perSeconds * 1000;
    for (;;) {
      const now = Date.now();
      for (let i = this.stamps.length - 1; i >= 0; i--) if (this.stamps[i]!.at <= now - windowMs) this.stamps.splice(i, 1);
      const oldest = Math.min(...this.stamps.map((s) => s.at));
      const wait = Math.max(this.pausedUntil - now, this.stamps.length < this.limit.requests ? 0 : oldest + windowMs - now);
      if (wait <= 0) {
        const stamp = { at: now };
        this.stamps.push(stamp);
        return () => void (stamp.at = Math.max(stamp.at, Date.now()));
      }
      await sleep(wait, signal);
    }
  }

  /** The server said to wait (429 Retry-After): hold every caller of this window until then. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** Whether it still counts anything: a new window in its place would then behave differently. */
  busy(): boolean {
    const now = Date.now();
    return this.pausedUntil > now || this.stamps.some((s) => s.at > now - this.limit.perSeconds * 1000);
  }
}

/** Per account and group, for as long as they are used: a long-running server meets many accounts over time. */
export const rateWindows = new BoundedCache<string, SlidingWindow>({ max: 10_000, idleMs: 15 * 60_000, busy: (w) => w.busy() });

export function windowFor(key: string, limit: RateLimit): SlidingWindow {
  return rateWindows.getOrSet(`${key}\0${limit.requests}/${limit.perSeconds}`, () => new SlidingWindow(limit));
}
