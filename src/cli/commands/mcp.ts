/** `connectors mcp`: serves connectors to MCP clients over stdio (the default) or Streamable HTTP. Logs go to stderr. */
import { localCredentialStore } from "../../credentials/local.js";
import { CredentialVault } from "../../credentials/vault.js";
import { ValidationError } from "../../errors.js";
import type { Manifest } from "../../manifest/types.js";
import { ConnectorsMcpServer, readTokenFile, type McpUser } from "../../mcp/index.js";
import { loadManifest } from "../manifests.js";

interface Options {
  transport: "stdio" | "http";
  port: number;
  host: string;
  tokens?: string;
  readOnly?: boolean;
  sandbox?: boolean;
}

export async function mcp(names: string[], options: Options): Promise<void> {
  const manifests = await Promise.all(names.map(loadManifest));
  const server = new ConnectorsMcpServer({ connectors: manifests, readOnly: options.readOnly, sandbox: options.sandbox });
  if (options.transport === "stdio") return server.serveStdio(localUser(manifests, !!options.sandbox));
  if (!options.tokens)
    throw new ValidationError("--transport http needs --tokens FILE: a JSON file (chmod 600) mapping each bearer token to its user's credentials; see the README's MCP server section");
  await server.serveHttp({ port: options.port, host: options.host, tokens: readTokenFile(options.tokens) });
  process.stderr.write(`MCP server for ${names.join(", ")} on http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${options.port}/mcp\n`);
  await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
  await server.stop();
}

/** As `connectors execute`: environment variables first (they win), else the vault. The sandbox brings its own. */
function localUser(manifests: Manifest[], sandbox: boolean): McpUser {
  if (sandbox) return { credentials: {} };
  const vault = new CredentialVault();
  return { credentials: Object.fromEntries(manifests.map((m) => [m.name, localCredentialStore(m, vault)])) };
}
