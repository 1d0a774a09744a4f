/** `connectors sandbox`: serves the simulated APIs on loopback until interrupted, keeping their state meanwhile. */
import { startSandbox } from "../../sandbox/server.js";
import { envPrefix } from "../../runtime/endpoints.js";
import { connect } from "../../runtime/connector.js";

export async function sandbox(options: { port: number; host: string }): Promise<void> {
  const server = await startSandbox({ port: options.port, host: options.host });
  const lines = [`Sandbox listening on ${server.url}`, ""];
  for (const [name, info] of Object.entries(server.connectors)) {
    const manifest = connect(name).manifest;
    const prefix = envPrefix(manifest);
    lines.push(`# ${manifest.title}`, `export ${prefix}BASE_URL=${info.baseUrl}`);
    if (info.tokenUrl) lines.push(`export ${prefix}TOKEN_URL=${info.tokenUrl}`);
    for (const [host, url] of Object.entries(info.hosts)) lines.push(`export ${prefix}${host.toUpperCase()}_BASE_URL=${url}`);
    const [variant, fields] = Object.entries(info.credentials)[0]!;
    for (const [field, value] of Object.entries(fields)) {
      const env = manifest.auth[variant]?.fields[field]?.env;
      if (env) lines.push(`export ${env}=${value}`);
    }
    lines.push("");
  }
  lines.push(
    "Then, with those variables set: connectors execute <connector> <entity> <action> (no --sandbox); connect(name) reads them too.",
    "What you create stays until the sandbox stops (--sandbox on a single call starts from the seed every time); Ctrl-C stops it.",
  );
  process.stderr.write(`${lines.join("\n")}\n`);
  await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
  await server.close();
}
