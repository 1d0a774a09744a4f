/**
 * The plan's concurrency limit: `limit` requests served at once, `queueSize` more waiting for a slot,
 * anything beyond refused. The sandbox has a single API key, so one gate is the per-key gate.
 */
export class ConcurrencyGate {
  private serving = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly queueSize: number,
    /** Told the number served at once whenever it grows (for stats.maxInFlight). */
    private readonly onServing: (serving: number) => void,
  ) {}

  /** Resolves when the request holds a slot; undefined when slots and queue are full (the caller answers 429). */
  enter(): Promise<void> | undefined {
    if (this.serving < this.limit) {
      this.serving += 1;
      this.onServing(this.serving);
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queueSize) return undefined;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Frees the slot, handing it straight to the oldest waiting request if any. */
  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.serving -= 1;
  }
}
