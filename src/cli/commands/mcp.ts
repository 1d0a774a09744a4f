/** `connectors mcp`: serves connectors to MCP clients over stdio (the default) or Streamable HTTP. Logs go to stderr. */
import { localCredentialStore } from "../../credentials/local.js";
import { CredentialVault } from "../../credentials/vault.js";
import { ValidationError } from "../../errors.js";
import type { Manifest } from "../../manifest/types.js";
import { ConnectorsMcpServer, readTokenFile, type McpUser, type TokenResolver } from "../../mcp/index.js";
import { loadManifest } from "../manifests.js";

interface Options {
  transport: "stdio" | "http";
  port: number;
  host: string;
  tokens?: string;
  database?: string;
  readOnly?: boolean;
  sandbox?: boolean;
  split?: boolean;
  code?: boolean;
}

export async function mcp(names: string[], options: Options): Promise<void> {
  const manifests = await Promise.all(names.map(loadManifest));
  const server = new ConnectorsMcpServer({ connectors: manifests, readOnly: options.readOnly, sandbox: options.sandbox, split: options.split, code: options.code });
  if (options.transport === "stdio") return server.serveStdio(localUser(manifests, !!options.sandbox));
  if (options.tokens && options.database)
    throw new ValidationError("--tokens and --database cannot be used together: a token file (one server's users) or the hosted API's store (its MCP tokens), not both");
  if (!options.tokens && !options.database)
    throw new ValidationError(
      "--transport http needs --tokens FILE (a JSON file, chmod 600, mapping each bearer token to its user's credentials) or --database URL (the hosted API's store and its MCP tokens); see the README's MCP server section",
    );
  const tokens = options.tokens ? { resolver: readTokenFile(options.tokens), close: async () => {} } : await hostedTokens(options.database!);
  try {
    const { url } = await server.serveHttp({ port: options.port, host: options.host, tokens: tokens.resolver });
    process.stderr.write(`MCP server for ${names.join(", ")} on ${url}\n`);
    await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
    await server.stop();
  } finally {
    await tokens.close();
  }
}

/** The hosted API's store: its MCP tokens and connected accounts, opened with CONNECTORS_MASTER_KEY as `serve` does. */
async function hostedTokens(database: string): Promise<{ resolver: TokenResolver; close(): Promise<void> }> {
  const { openHosted, storeTokenResolver } = await import("../../server/index.js");
  const hosted = await openHosted(database);
  return { resolver: storeTokenResolver(hosted.services), close: hosted.close };
}

/** As `connectors execute`: environment variables first (they win), else the vault. The sandbox brings its own. */
function localUser(manifests: Manifest[], sandbox: boolean): McpUser {
  const vault = sandbox ? undefined : new CredentialVault();
  return { connectors: Object.fromEntries(manifests.map((m) => [m.name, vault ? { credentials: localCredentialStore(m, vault) } : {}])) };
}
