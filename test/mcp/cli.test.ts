/** `connectors mcp` as MCP clients run it: the built CLI spawned over stdio, and over HTTP with a token file. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { masterKey } from "../../src/credentials/cipher.js";
import { CredentialVault } from "../../src/credentials/vault.js";
import { openStore } from "../../src/server/store/open.js";
import { hashToken } from "../../src/server/tokens.js";
import { Vault } from "../../src/server/vault.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";
import { CLI, configDir, run } from "../cli/run.js";
import { httpClient, newClient, text } from "./clients.js";
import { tokenFile } from "./token-files.js";

const MASTER_KEY = Buffer.alloc(32, 9).toString("base64");
const TOKEN = "cli-user-mcp-token-0123456789";
let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** The CLI as an MCP client starts it: a child process on stdio, with only the environment the SDK passes plus `env`. */
async function stdioClient(args: string[], env: Record<string, string> = {}): Promise<{ client: Client; errors: Error[] }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, "mcp", ...args], env: { CONNECTORS_CONFIG_DIR: configDir(), ...env }, stderr: "pipe" });
  const client = newClient();
  // A line on stdout that is not protocol shows up here.
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  return { client, errors };
}

const listEntries = { name: "harvest_execute", arguments: { entity: "time_entries", action: "list", params: { from: "2026-06-01", per_page: 4 } } };

describe.concurrent("connectors mcp over stdio", () => {
  it("serves the sandbox with nothing but protocol on stdout", async () => {
    const { client, errors } = await stdioClient(["harvest", "--sandbox"]);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["harvest_execute", "harvest_describe"]);
    const { data } = JSON.parse(text(await client.callTool(listEntries)));
    expect(data).toHaveLength(4);
    expect((await client.listResources()).resources[0]!.uri).toBe("connectors://harvest/REFERENCE.md");
    const bad = await client.callTool({ name: "harvest_execute", arguments: { entity: "time_entries", action: "nope" } });
    expect(bad.isError).toBe(true);
    await client.close();
    expect(errors).toEqual([]);
  });

  it("uses the credentials stored in the local vault", async () => {
    const dir = configDir();
    const info = sandbox.connectors.harvest!;
    new CredentialVault({ dir, env: { CONNECTORS_MASTER_KEY: MASTER_KEY } }).set("harvest", "default", "personal_access_token", info.credentials.personal_access_token!);
    const { client } = await stdioClient(["harvest"], { CONNECTORS_CONFIG_DIR: dir, CONNECTORS_MASTER_KEY: MASTER_KEY, CONNECTORS_HARVEST_BASE_URL: info.baseUrl });
    expect(JSON.parse(text(await client.callTool(listEntries))).data).toHaveLength(4);
    await client.close();
  });
});

/** The built CLI serving harvest over HTTP on the sandbox, on a free port (--port 0), with these extra args, for the length of `use`. */
async function withHttpServer(args: string[], env: Record<string, string>, use: (url: string) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, [CLI, "mcp", "harvest", "--transport", "http", "--port", "0", ...args, "--sandbox"], {
    env: { ...getDefaultEnvironment(), CONNECTORS_CONFIG_DIR: configDir(), ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  try {
    await use(await listening(child.stderr!));
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}

describe.concurrent("connectors mcp --transport http", () => {
  it("serves a bearer token's user at /mcp", async () => {
    const tokens = tokenFile({ [TOKEN]: { harvest: { token: "sandbox-harvest-token", account_id: "1234567" } } });
    await withHttpServer(["--tokens", tokens], {}, async (url) => {
      const client = await httpClient(url, TOKEN);
      expect(JSON.parse(text(await client.callTool(listEntries))).data).toHaveLength(4);
      await client.close();
      expect((await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status).toBe(401);
    });
  });

  it("serves the hosted API's MCP tokens with --database", async () => {
    const database = `sqlite:${join(configDir(), "connectors.db")}`;
    const store = await openStore(database);
    const now = new Date().toISOString();
    await store.createWorkspace({ id: "ws_cli", name: "CLI", created_at: now }, hashToken("cws_cli-workspace-token"));
    const account = { id: "conn_cli", workspace_id: "ws_cli", connector_type: "harvest", name: "Harvest", user_id: "alice", account: "default", auth_variant: "personal_access_token" };
    const sealed = new Vault(masterKey(Buffer.from(MASTER_KEY, "base64"))).seal(account.id, sandbox.connectors.harvest!.credentials.personal_access_token!);
    await store.insertAccount({ ...account, scopes: null, read_only: false, status: "active", credentials: sealed, created_at: now, updated_at: now });
    await store.insertMcpToken({ id: "mcpt_cli", workspace_id: "ws_cli", user_id: "alice", name: null, created_at: now }, hashToken(TOKEN));
    await store.close();

    await withHttpServer(["--database", database], { CONNECTORS_MASTER_KEY: MASTER_KEY }, async (url) => {
      const client = await httpClient(url, TOKEN);
      expect(JSON.parse(text(await client.callTool(listEntries))).data).toHaveLength(4);
      await client.close();
      await expect(httpClient(url, `${TOKEN}x`)).rejects.toThrow(/Unauthorized/);
    });
  });

  it("refuses a token file others can read, and HTTP without one", async () => {
    const shared = await run(["mcp", "harvest", "--transport", "http", "--tokens", tokenFile({}, 0o644)]);
    expect(shared.code).toBe(4);
    expect(shared.stderr).toMatch(/can be read or changed by others \(mode 644\).*chmod 600/);
    const none = await run(["mcp", "harvest", "--transport", "http"]);
    expect(none.code).toBe(4);
    expect(none.stderr).toContain("--transport http needs --tokens FILE");
  });

  it("takes --tokens or --database, not both, and --database only with the master key", async () => {
    const both = await run(["mcp", "harvest", "--transport", "http", "--tokens", tokenFile({}), "--database", "sqlite::memory:"]);
    expect(both.code).toBe(4);
    expect(both.stderr).toContain("--tokens and --database cannot be used together");
    const keyless = await run(["mcp", "harvest", "--transport", "http", "--database", "sqlite::memory:"]);
    expect(keyless.code).not.toBe(0);
    expect(keyless.stderr).toContain("CONNECTORS_MASTER_KEY is not set");
  });
});

/** The URL the server says it listens on (on stderr): the port the system gave it, never :0. */
async function listening(stderr: NodeJS.ReadableStream): Promise<string> {
  let seen = "";
  for await (const chunk of stderr) {
    seen += String(chunk);
    const url = / on (http:\/\/127\.0\.0\.1:(\d+)\/mcp)\n/.exec(seen);
    if (url) {
      expect(Number(url[2])).toBeGreaterThan(0);
      return url[1]!;
    }
  }
  throw new Error(`the server stopped before listening: ${seen}`);
}
