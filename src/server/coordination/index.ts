/**
 * What several replicas on one database share beyond the store: rate windows and OAuth refresh locks.
 * SQLite is one process (a file no other server opens), so it needs no coordinator.
 */
import { DRIVERS, withDriver } from "../drivers.js";
import { databaseTarget } from "../store/database-url.js";
import type { PostgresCoordinator } from "./postgres.js";

/** The coordinator for a --database URL: started (its tables created) for postgres://...; undefined for SQLite. */
export async function openCoordinator(database: string): Promise<PostgresCoordinator | undefined> {
  const target = databaseTarget(database);
  if (target.kind !== "postgres") return undefined;
  const { PostgresCoordinator } = await withDriver(DRIVERS.postgres, () => import("./postgres.js"));
  const coordinator = new PostgresCoordinator(target);
  try {
    return await coordinator.start();
  } catch (error) {
    await coordinator.close().catch(() => undefined);
    throw error;
  }
}
