/** Opens the store a --database URL names: sqlite:PATH (or a bare path), or postgres://... (?schema=NAME optional). */
import { PostgresStore } from "./postgres.js";
import { SqliteStore } from "./sqlite.js";
import type { Store } from "./types.js";

export const DEFAULT_DATABASE = "sqlite:connectors.db";

export async function openStore(database: string = DEFAULT_DATABASE): Promise<Store> {
  const store = createStore(database);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

function createStore(database: string): Store {
  if (/^postgres(ql)?:\/\//.test(database)) {
    const url = new URL(database);
    const schema = url.searchParams.get("schema") ?? undefined;
    url.searchParams.delete("schema");
    return new PostgresStore({ connectionString: url.toString(), schema });
  }
  return new SqliteStore(database.replace(/^sqlite:/, ""));
}
