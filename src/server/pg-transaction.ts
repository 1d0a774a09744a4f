/** One PostgreSQL transaction on one pooled connection, shared by the store and the replica coordinator. */
import type pg from "pg";

/** Runs `work` inside BEGIN ... COMMIT; a connection whose ROLLBACK failed is discarded, not returned to the pool. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    const rolledBack = await client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : (error as Error));
    throw error;
  }
}
