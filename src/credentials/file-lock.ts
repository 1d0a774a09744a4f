/**
 * A lock file beside a file that several processes rewrite (the CLI's vault): `<file>.lock`, created exclusively, so
 * two `connectors credentials set` at once take turns and neither loses the other's record. A lock left by a process
 * that died is taken over; a live one is waited for, up to a bound, then reported.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";

const WAIT_MS = 10_000;
/** A lock older than this whose process is gone is stale. */
const STALE_MS = 2_000;

/** Runs `work` (synchronous: the vault's writes are) while holding `<file>.lock`. */
export function withFileLock<T>(file: string, work: () => T): T {
  const lock = `${file}.lock`;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const giveUpAt = Date.now() + WAIT_MS;
  for (let attempt = 0; !tryLock(lock); attempt++) {
    if (isStale(lock)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > giveUpAt) throw new Error(`${file} is being written by another process (it holds ${lock}); try again, or delete ${lock} if no connectors command is running`);
    pause(Math.min(50, 1 + attempt * 2));
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function tryLock(lock: string): boolean {
  try {
    const fd = openSync(lock, "wx", 0o600);
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Old enough, and its process no longer runs (or it names none). */
function isStale(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs < STALE_MS) return false;
    const pid = Number(readFileSync(lock, "utf8"));
    if (!Number.isInteger(pid) || pid <= 0) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ENOENT: released meanwhile (not stale: just try again); ESRCH: the process is gone.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** A synchronous pause (the vault's API is synchronous). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
