/** `connectors serve`: the hosted execute API on a SQLite file or PostgreSQL, until interrupted. */
import { configFromEnv, DEFAULT_DATABASE, openStore, startServer } from "../../server/index.js";
import { openCoordinator } from "../../server/coordination/index.js";

export async function serve(options: { port: number; host: string; database?: string; publicUrl?: string; auditRetentionDays?: number }): Promise<void> {
  // Checked before the database is touched: without the key nothing stored could be opened.
  const config = configFromEnv(process.env, { publicUrl: options.publicUrl, auditRetentionDays: options.auditRetentionDays });
  const database = options.database ?? DEFAULT_DATABASE;
  const store = await openStore(database);
  // PostgreSQL: replicas on this database share pacing and OAuth refreshes through it (SQLite: one process, none).
  const coordinator = await openCoordinator(database).catch(async (error) => (await store.close(), Promise.reject(error)));
  try {
    const server = await startServer({ config: { ...config, coordinator }, store, port: options.port, host: options.host });
    process.stderr.write(`Hosted execute API listening on ${server.url} (OpenAPI: ${server.url}/openapi.json)\n`);
    if (!config.adminToken) process.stderr.write("CONNECTORS_ADMIN_TOKEN is not set: workspaces cannot be created\n");
    await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
    await server.close();
  } finally {
    await coordinator?.close();
    await store.close();
  }
}
