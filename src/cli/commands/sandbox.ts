/**
 * `connectors sandbox`: serves the simulated APIs on loopback until interrupted, keeping their state meanwhile, and
 * prints every variable that points the CLI, the library and `connectors serve` at them, with their credentials.
 */
import { envVariableName } from "../../credentials/env.js";
import type { Manifest } from "../../manifest/types.js";
import { connect } from "../../runtime/connector.js";
import { envPrefix } from "../../runtime/endpoints.js";
import { startSandbox, type SandboxConnectorInfo } from "../../sandbox/server.js";

export async function sandbox(options: { port: number; host: string }): Promise<void> {
  const server = await startSandbox({ port: options.port, host: options.host });
  const lines = [`Sandbox listening on ${server.url}`, ""];
  for (const [name, info] of Object.entries(server.connectors)) lines.push(...exportLines(connect(name).manifest, info), "");
  lines.push(
    "Then, with those variables set: connectors execute <connector> <entity> <action> (no --sandbox); connect(name) reads them too,",
    "and so does connectors serve (its OAuth connect flow takes the client id and secret above; the sandbox's consent page approves at once).",
    "What you create stays until the sandbox stops (--sandbox on a single call starts from the seed every time); Ctrl-C stops it.",
  );
  process.stderr.write(`${lines.join("\n")}\n`);
  await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
  await server.close();
}

/** One connector's variables: where its APIs are, then each auth variant's credentials, then its other accounts. */
function exportLines(manifest: Manifest, info: SandboxConnectorInfo): string[] {
  const prefix = envPrefix(manifest);
  const lines = [`# ${manifest.title}`, `export ${prefix}BASE_URL=${info.baseUrl}`];
  if (info.tokenUrl) lines.push(`export ${prefix}TOKEN_URL=${info.tokenUrl}`);
  if (info.authorizeUrl) lines.push(`export ${prefix}AUTHORIZE_URL=${info.authorizeUrl}`);
  for (const [host, url] of Object.entries(info.hosts)) lines.push(`export ${prefix}${host.toUpperCase()}_BASE_URL=${url}`);
  const printed = new Set<string>();
  const credentials = (variant: string, fields: Record<string, string>, account: string) => {
    for (const [field, value] of Object.entries(fields)) {
      const env = manifest.auth[variant]?.fields[field]?.env;
      const name = env && envVariableName(env, account);
      if (name && !printed.has(name)) lines.push(`export ${name}=${value}`);
      if (name) printed.add(name);
    }
  };
  for (const [variant, fields] of Object.entries(info.credentials)) {
    if (printed.size) lines.push(`# ${variant} credentials:`);
    credentials(variant, fields, "default");
  }
  for (const [account, { description, variant, credentials: fields }] of Object.entries(info.accounts)) {
    lines.push(`# --account ${account}: ${description}`);
    credentials(variant, fields, account);
  }
  return lines;
}
