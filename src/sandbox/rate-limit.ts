/** Sliding-window request limiter, as APIs like Harvest apply per access token. */

export interface RateLimit {
  requests: number;
  perSeconds: number;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts a request for `key`: 0 when allowed, else the whole seconds to wait (the Retry-After value). */
  take(key: string): number {
    const now = this.clock();
    const windowMs = this.limit.perSeconds * 1000;
    const recent = (this.hits.get(key) ?? []).filter((at) => now - at < windowMs);
    this.hits.set(key, recent);
    if (recent.length >= this.limit.requests) return Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
    recent.push(now);
    return 0;
  }

  reset(): void {
    this.hits.clear();
  }
}
