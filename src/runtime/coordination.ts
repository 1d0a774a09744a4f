/**
 * Sharing pacing and OAuth refreshes between processes (several replicas of a server on one database).
 * The runtime works alone by default; a Coordinator makes its rate windows and refreshes shared.
 */

/** A pace: at most `requests` in any `perSeconds` window. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/** A rate window: acquire() resolves when one more request may go out and gives a function to call on its answer. */
export interface RateWindow {
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** The server said to wait (429 Retry-After): hold every caller until then. */
  pause(ms: number): void;
}

export interface Coordinator {
  /** The window for `key` under `limit`, shared by every process using this coordinator. */
  window(key: string, limit: RateLimit): RateWindow;
  /** Runs `fn` while holding `key` exclusively across processes (one OAuth refresh per account at a time). */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
}
