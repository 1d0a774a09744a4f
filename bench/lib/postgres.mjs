/** PostgreSQL for benchmarks: the first user that connects to 127.0.0.1:5432/test, and a fresh schema dropped after. */
import { randomBytes } from "node:crypto";
import pg from "pg";

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A database URL with a schema of its own (`?schema=`, as `connectors serve --database` takes it), and drop() to
 * remove that schema; undefined when no PostgreSQL answers.
 */
export async function freshSchema() {
  for (const user of [...new Set([process.env.PGUSER, "postgres", "root"].filter(Boolean))]) {
    const url = `postgres://${user}@127.0.0.1:5432/test`;
    if (!(await reachable(url))) continue;
    const schema = `connectors_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
    return {
      database: `${url}?schema=${schema}`,
      async drop() {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  }
  return undefined;
}
