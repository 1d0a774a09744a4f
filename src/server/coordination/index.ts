/**
 * What several replicas on one database share beyond the store: rate windows and OAuth refresh locks.
 * SQLite is one process (a file no other server opens), so it needs no coordinator.
 */
import { PostgresCoordinator } from "./postgres.js";

export { PostgresCoordinator, sqlKey, type PostgresCoordinatorOptions } from "./postgres.js";

/** The coordinator for a --database URL: started (its tables created) for postgres://...; undefined for SQLite. */
export async function openCoordinator(database: string): Promise<PostgresCoordinator | undefined> {
  if (!/^postgres(ql)?:\/\//.test(database)) return undefined;
  const url = new URL(database);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  const coordinator = new PostgresCoordinator({ connectionString: url.toString(), schema });
  try {
    return await coordinator.start();
  } catch (error) {
    await coordinator.close().catch(() => undefined);
    throw error;
  }
}
