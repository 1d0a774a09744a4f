/** `connectors serve`: the hosted execute API on a SQLite file or PostgreSQL, until interrupted. */
import { openHosted, startServer } from "../../server/index.js";

interface Options {
  port: number;
  host: string;
  database?: string;
  publicUrl?: string;
  auditRetentionDays?: number;
  executeTimeout?: number;
  connectorsDir?: string;
}

export async function serve(options: Options): Promise<void> {
  const { publicUrl, auditRetentionDays, connectorsDir } = options;
  const flags = { publicUrl, auditRetentionDays, executeTimeoutSeconds: options.executeTimeout, connectorsDir };
  const hosted = await openHosted(options.database, process.env, flags);
  try {
    const { config, store } = hosted.services;
    const server = await startServer({ config, store, port: options.port, host: options.host });
    process.stderr.write(`Hosted execute API listening on ${server.url} (OpenAPI: ${server.url}/openapi.json)\n`);
    if (!config.adminToken) process.stderr.write("CONNECTORS_ADMIN_TOKEN is not set: workspaces cannot be created\n");
    await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
    await server.close();
  } finally {
    await hosted.close();
  }
}
