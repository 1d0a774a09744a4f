/**
 * Opens the store a --database URL names: sqlite:PATH (or a bare path), or postgres://... (?schema=NAME optional).
 * Each store's driver is loaded only here, when it is needed (see ../drivers.ts).
 */
import { closeSync, openSync } from "node:fs";
import { DRIVERS, withDriver } from "../drivers.js";
import { databaseTarget } from "./database-url.js";
import type { Store } from "./types.js";

export const DEFAULT_DATABASE = "sqlite:connectors.db";

export async function openStore(database: string = DEFAULT_DATABASE): Promise<Store> {
  const store = await createStore(database);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

async function createStore(database: string): Promise<Store> {
  const target = databaseTarget(database);
  if (target.kind === "postgres") {
    const { PostgresStore } = await withDriver(DRIVERS.postgres, () => import("./postgres.js"));
    return new PostgresStore(target);
  }
  const { SqliteStore } = await withDriver(DRIVERS.sqlite, () => import("./sqlite.js"));
  // A new file is its owner's only (SQLite gives its -wal and -shm files the same mode): it holds sealed credentials.
  if (target.path !== ":memory:") closeSync(openSync(target.path, "a", 0o600));
  return new SqliteStore(target.path);
}
