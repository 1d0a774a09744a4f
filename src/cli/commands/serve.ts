/** `connectors serve`: the hosted execute API on a SQLite file or PostgreSQL, until interrupted. */
import { configFromEnv, DEFAULT_DATABASE, openStore, startServer } from "../../server/index.js";

export async function serve(options: { port: number; host: string; database?: string }): Promise<void> {
  // Checked before the database is touched: without the key nothing stored could be opened.
  const config = configFromEnv();
  const store = await openStore(options.database ?? DEFAULT_DATABASE);
  try {
    const server = await startServer({ config, store, port: options.port, host: options.host });
    process.stderr.write(`Hosted execute API listening on ${server.url} (OpenAPI: ${server.url}/openapi.json)\n`);
    if (!config.adminToken) process.stderr.write("CONNECTORS_ADMIN_TOKEN is not set: workspaces cannot be created\n");
    await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
    await server.close();
  } finally {
    await store.close();
  }
}
