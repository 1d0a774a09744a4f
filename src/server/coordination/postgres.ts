/**
 * A Coordinator (see runtime/coordination.ts) shared through PostgreSQL, for several server replicas on one database:
 * each rate window is a set of rows in one table, counted under a transaction-scoped advisory lock on its key, and
 * each exclusive section holds a session-level advisory lock on a connection of its own.
 * Its tables are created by the coordinator itself when it starts (not by the store's migrations).
 */
import pg from "pg";
import { inTransaction } from "../pg-transaction.js";
import type { Coordinator, RateWindow } from "../../runtime/coordination.js";
import type { RequestWindows } from "../config.js";
import type { RateLimit } from "../../runtime/coordination.js";
import { sleep } from "../../runtime/wait.js";

/**
 * Advisory lock namespaces (the two-int form, so they never meet the store's one-bigint migration lock):
 * one per use, the second int being hashtext(key).
 */
const SETUP_LOCK = 7_300_010;
const WINDOW_LOCK = 7_300_011;
const EXCLUSIVE_LOCK = 7_300_012;

const TABLES = [
  `CREATE TABLE IF NOT EXISTS connectors_rate_slots (
    slot_id BIGSERIAL PRIMARY KEY,
    key TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS connectors_rate_slots_key_at ON connectors_rate_slots (key, at)",
  `CREATE TABLE IF NOT EXISTS connectors_rate_pauses (
    key TEXT PRIMARY KEY,
    until TIMESTAMPTZ NOT NULL
  )`,
  // Fixed windows of requests per key (a workspace's requests per minute), counted by every replica.
  `CREATE TABLE IF NOT EXISTS connectors_request_windows (
    key TEXT PRIMARY KEY,
    window_start TIMESTAMPTZ NOT NULL,
    count INTEGER NOT NULL
  )`,
];

export interface PostgresCoordinatorOptions {
  connectionString: string;
  /** The store's schema, when it has one (tables go there too). */
  schema?: string;
  /** Connections for windows and locks (default 10); each exclusive section holds one while it runs. */
  max?: number;
}

/**
 * Keys name an account and a group with NUL separators, which PostgreSQL text cannot hold: escape them (one to one,
 * so distinct keys stay distinct). Keys only ever travel as query parameters, never inside SQL text.
 */
export function sqlKey(key: string): string {
  return key.replaceAll("\\", "\\\\").replaceAll("\0", "\\0");
}

export class PostgresCoordinator implements Coordinator, RequestWindows {
  private readonly pool: pg.Pool;
  private readonly schema?: string;
  /** This process's own pauses, effective at once (the shared row is written in the background). */
  private readonly pausedUntil = new Map<string, number>();

  constructor(options: PostgresCoordinatorOptions) {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new RangeError(`invalid schema name "${options.schema}"`);
    this.schema = options.schema;
    // Every row this pool writes is short-lived (rate slots, pauses, per-minute counts): one lost in a crash costs
    // nothing, so commits need not wait for the disk. A workspace's count is one row every request updates; a
    // commit that waited for the disk would hold that row, and so every other request of the workspace, until then.
    const settings = ["-c synchronous_commit=off", ...(options.schema ? [`-c search_path=${options.schema}`] : [])];
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10, options: settings.join(" ") });
    // An idle connection the server drops must not crash the process; the next query opens another.
    this.pool.on("error", () => undefined);
  }

  /** Creates the coordinator's tables when missing (replicas starting together take turns). */
  async start(): Promise<this> {
    await inTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, 0)", [SETUP_LOCK]);
      if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      for (const statement of TABLES) await client.query(statement);
    });
    return this;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  window(key: string, limit: RateLimit): RateWindow {
    const id = sqlKey(key);
    return {
      acquire: (signal) => this.acquire(id, limit, signal),
      pause: (ms) => this.pause(id, ms),
    };
  }

  /**
   * One more request for `key` in its current window (windows aligned on the database's clock, the same for every
   * replica): one atomic upsert, which starts a new window when the stored one is over.
   */
  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const { rows } = await this.pool.query<{ count: number; reset_ms: number }>(
      `INSERT INTO connectors_request_windows AS w (key, window_start, count)
         VALUES ($1, to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / $2) * $2 / 1000), 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.count + 1 ELSE 1 END,
         window_start = EXCLUDED.window_start
       RETURNING count, (extract(epoch FROM window_start - clock_timestamp()) * 1000 + $2)::float8 AS reset_ms`,
      [sqlKey(key), windowMs],
    );
    return { count: rows[0]!.count, resetMs: rows[0]!.reset_ms };
  }

  async exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const id = sqlKey(key);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      // Held by this connection's session until unlocked, or until the connection dies with its process.
      await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [EXCLUSIVE_LOCK, id]);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [EXCLUSIVE_LOCK, id]).catch((error: Error) => (broken = error));
      // A connection that could not unlock is destroyed, which releases the lock all the same.
      client.release(broken);
    }
  }

  /**
   * One more request may go out when fewer than `limit.requests` rows of this key are younger than the window and
   * no pause holds it: then a row stamped now (the database's clock, the same for every replica) counts it.
   * Otherwise wait until the oldest row leaves the window (or the pause ends) and look again.
   */
  private async acquire(key: string, limit: RateLimit, signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      signal?.throwIfAborted();
      const outcome = await inTransaction(this.pool, async (client) => {
        await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [WINDOW_LOCK, key]);
        await client.query("DELETE FROM connectors_rate_slots WHERE key = $1 AND at <= clock_timestamp() - make_interval(secs => $2)", [key, limit.perSeconds]);
        const { rows } = await client.query<{ n: number; full_ms: number | null; paused_ms: number | null }>(
          `SELECT count(*)::int AS n,
             (EXTRACT(EPOCH FROM min(at) + make_interval(secs => $2) - clock_timestamp()) * 1000)::float8 AS full_ms,
             (SELECT (EXTRACT(EPOCH FROM until - clock_timestamp()) * 1000)::float8 FROM connectors_rate_pauses WHERE key = $1) AS paused_ms
           FROM connectors_rate_slots WHERE key = $1`,
          [key, limit.perSeconds],
        );
        const { n, full_ms, paused_ms } = rows[0]!;
        const wait = Math.max(paused_ms ?? 0, (this.pausedUntil.get(key) ?? 0) - Date.now(), n < limit.requests ? 0 : (full_ms ?? 0));
        if (wait > 0) return { wait };
        const inserted = await client.query<{ slot_id: string }>("INSERT INTO connectors_rate_slots (key, at) VALUES ($1, clock_timestamp()) RETURNING slot_id", [key]);
        return { slot: inserted.rows[0]!.slot_id };
      });
      if (outcome.slot !== undefined) return this.doneFor(outcome.slot);
      // A millisecond more: the oldest row must be out of the window, not on its edge, when we look again.
      await sleep(Math.ceil(outcome.wait) + 1, signal);
    }
  }

  /** The answer arrived: the API counted the request at some point before now, so the window counts it from now. */
  private doneFor(slot: string): () => void {
    let called = false;
    return () => {
      if (called) return;
      called = true;
      this.pool.query("UPDATE connectors_rate_slots SET at = GREATEST(at, clock_timestamp()) WHERE slot_id = $1", [slot]).catch(() => undefined);
    };
  }

  /**
   * The API answered 429 with Retry-After: every replica holds this key's callers until then. This process holds its
   * own at once; the others from the shared row (written in the background: pause() cannot wait, and a replica that
   * looks before the row lands at worst meets the same 429 once and pauses itself).
   */
  private pause(key: string, ms: number): void {
    if (!(ms > 0)) return;
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, Date.now() + ms));
    this.pool
      .query(
        `INSERT INTO connectors_rate_pauses (key, until) VALUES ($1, clock_timestamp() + make_interval(secs => $2))
         ON CONFLICT (key) DO UPDATE SET until = GREATEST(connectors_rate_pauses.until, EXCLUDED.until)`,
        [key, ms / 1000],
      )
      .catch(() => undefined);
  }

}
