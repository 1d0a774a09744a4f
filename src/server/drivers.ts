/**
 * The database drivers are optional peer dependencies (a library-only install builds neither): each is loaded only
 * when a store needs it, and a missing one is named with the command that installs it.
 */
import { ConfigError } from "./config.js";

export const DRIVERS = {
  sqlite: { store: "a SQLite store", package: "better-sqlite3" },
  postgres: { store: "a PostgreSQL store", package: "pg" },
} as const;

/** Runs `load` (an import of code that imports the driver); a missing driver becomes a ConfigError saying what to install. */
export async function withDriver<T>(driver: (typeof DRIVERS)[keyof typeof DRIVERS], load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const name = driver.package;
    const missing = (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && (error as Error).message.includes(`'${name}'`);
    if (!missing) throw error;
    throw new ConfigError(
      `${driver.store} needs the ${name} package, which is not installed: run npm install ${name} where agent-connectors is installed (npm install -g ${name} beside a global install)`,
      { cause: error },
    );
  }
}
