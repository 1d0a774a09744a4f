/** Deletes audit rows past the retention period (and expired OAuth states): once at start, then hourly. */
import type { Store } from "./store/types.js";

export const DEFAULT_AUDIT_RETENTION_DAYS = 90;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns how many audit rows were deleted. */
export function pruneOnce(store: Store, retentionDays: number, now: Date): Promise<number> {
  return store.prune(new Date(now.getTime() - retentionDays * DAY_MS).toISOString(), now.toISOString());
}

/** Prunes now, then on an interval that does not keep the process alive; the returned function stops it. */
export async function startPruning(store: Store, retentionDays = DEFAULT_AUDIT_RETENTION_DAYS, now: () => Date = () => new Date()): Promise<() => void> {
  await pruneOnce(store, retentionDays, now());
  const timer = setInterval(() => {
    // A failed pass (database briefly away) is retried at the next one; it must not bring the server down.
    pruneOnce(store, retentionDays, now()).catch((error: unknown) => console.error("pruning the audit log failed:", error));
  }, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
