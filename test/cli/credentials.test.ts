/** `connectors credentials` and the vault, end to end: the built CLI as a child process against a loopback sandbox. */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CredentialVault } from "../../src/credentials/vault.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";
import { configDir, run } from "./run.js";

let sandbox: SandboxServer;
let token: string;
let accountId: string;
let baseUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  const info = sandbox.connectors.harvest!;
  ({ token, account_id: accountId } = info.credentials.personal_access_token!);
  baseUrl = info.baseUrl;
});
afterAll(() => sandbox.close());

const companyName = (config: string, env: NodeJS.ProcessEnv = {}, account = "default") =>
  run(["execute", "harvest", "company", "get", "--base-url", baseUrl, "--fields", "name", "--account", account], { env: { CONNECTORS_CONFIG_DIR: config, ...env } });

// Each test has its own config dir; the sandbox is shared (its personal access token never expires).
describe.concurrent("connectors credentials", () => {
  it("stores a record from piped stdin, lists names only, runs with it, and removes it", async () => {
    const config = configDir();
    const env = { CONNECTORS_CONFIG_DIR: config };
    const set = await run(["credentials", "set", "harvest"], { env, input: `${token}\n${accountId}\n` });
    expect(set.code).toBe(0);
    expect(set.stderr).toContain("saved harvest (personal_access_token: token, account_id)");

    const list = await run(["credentials", "list"], { env });
    expect(list.stdout).toMatch(/^harvest\s+default\s+personal_access_token\s+token, account_id$/m);
    expect(list.stdout + list.stderr).not.toContain(token);

    const vaultBytes = readFileSync(join(config, "vault.json"));
    expect(vaultBytes.includes(token)).toBe(false);
    expect(vaultBytes.includes(accountId)).toBe(false);
    for (const file of ["vault.json", "master.key"]) expect(statSync(join(config, file)).mode & 0o777).toBe(0o600);

    const used = await companyName(config);
    expect(used.code).toBe(0);
    expect(JSON.parse(used.stdout).data).toEqual({ name: "Sandbox Studio" });

    expect((await run(["credentials", "remove", "harvest"], { env })).code).toBe(0);
    expect((await run(["credentials", "list", "--json"], { env })).stdout.trim()).toBe("[]");
    const gone = await companyName(config);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain("or run: connectors credentials set harvest");
  });

  it("is read by a script through vaultCredentialStore(): what connectors credentials set stored, nothing from the environment", async () => {
    const config = configDir();
    expect((await run(["credentials", "set", "harvest"], { env: { CONNECTORS_CONFIG_DIR: config }, input: `${token}\n${accountId}\n` })).code).toBe(0);
    const script = `import { connect, vaultCredentialStore } from "agent-connectors";
      const harvest = connect("harvest", { credentials: vaultCredentialStore(), baseUrl: process.argv[1] });
      console.log((await harvest.execute("company", "get")).data.name);`;
    const env = { ...process.env, CONNECTORS_CONFIG_DIR: config, HARVEST_ACCESS_TOKEN: "an-environment-token-never-read" };
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script, baseUrl], { env });
    expect(stdout).toBe("Sandbox Studio\n");
  });

  it("saves nothing when a required value is missing from stdin", async () => {
    const config = configDir();
    const { code, stderr } = await run(["credentials", "set", "harvest"], { env: { CONNECTORS_CONFIG_DIR: config }, input: `${token}\n` });
    expect(code).toBe(4);
    expect(stderr).toContain("no value for account_id; personal_access_token takes token, account_id");
    expect(existsSync(join(config, "vault.json"))).toBe(false);
  });

  it("names the variants when --variant is unknown, and the stored accounts when removing one that is not", async () => {
    const config = configDir();
    const env = { CONNECTORS_CONFIG_DIR: config };
    const variant = await run(["credentials", "set", "harvest", "--variant", "password"], { env });
    expect(variant.code).toBe(4);
    expect(variant.stderr).toContain("variants: personal_access_token, oauth2");
    await run(["credentials", "set", "harvest", "--account", "work"], { env, input: `${token}\n${accountId}\n` });
    const remove = await run(["credentials", "remove", "harvest", "--account", "wrok"], { env });
    expect(remove.code).toBe(4);
    expect(remove.stderr).toContain("stored accounts for harvest: work");
  });

  it("fails loudly with a wrong or malformed master key, and never prints the secret", async () => {
    const config = configDir();
    const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
    await run(["credentials", "set", "harvest"], { env: { CONNECTORS_CONFIG_DIR: config, CONNECTORS_MASTER_KEY: key(1) }, input: `${token}\n${accountId}\n` });
    expect(existsSync(join(config, "master.key"))).toBe(false);

    const wrong = await companyName(config, { CONNECTORS_MASTER_KEY: key(2) });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr).toMatch(/cannot open the stored harvest credentials: they were sealed with key \w+, but the master key from CONNECTORS_MASTER_KEY is \w+/);
    expect(wrong.stderr).not.toContain(token);

    const malformed = await companyName(config, { CONNECTORS_MASTER_KEY: "not-a-key" });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("CONNECTORS_MASTER_KEY must hold 32 random bytes in base64");

    expect((await companyName(config, { CONNECTORS_MASTER_KEY: key(1) })).code).toBe(0);
  });

  it("lets environment variables win, and never mixes their fields with the vault's", async () => {
    const config = configDir();
    await run(["credentials", "set", "harvest"], { env: { CONNECTORS_CONFIG_DIR: config }, input: `${token}\n${accountId}\n` });
    // A complete record in the environment is used whole: its wrong token is refused.
    const envWins = await companyName(config, { HARVEST_ACCESS_TOKEN: "not-the-token", HARVEST_ACCOUNT_ID: accountId });
    expect(envWins.code).toBe(2);
    expect(envWins.stderr).toContain("rejected the credentials");
    // An incomplete one is ignored: the vault's record is used whole, not with the environment's wrong account id.
    const vaultWhole = await companyName(config, { HARVEST_ACCOUNT_ID: "999" });
    expect(vaultWhole.code).toBe(0);
  });

  it("writes a rotated OAuth refresh token back to the vault", async () => {
    const config = configDir();
    const oauth = sandbox.connectors.harvest!.credentials.oauth2!;
    const env = { CONNECTORS_CONFIG_DIR: config, CONNECTORS_HARVEST_TOKEN_URL: sandbox.connectors.harvest!.tokenUrl! };
    const input = [oauth.client_id, oauth.client_secret, oauth.refresh_token, oauth.account_id].join("\n");
    await run(["credentials", "set", "harvest", "--variant", "oauth2", "--account", "app"], { env, input });
    expect((await companyName(config, env, "app")).code).toBe(0);

    const stored = new CredentialVault({ dir: config, env: {} }).get("harvest", "app")!;
    expect(stored.refresh_token).toBeTruthy();
    expect(stored.refresh_token).not.toBe(oauth.refresh_token);
    expect(stored.access_token).toBeTruthy();
    // The first refresh token was spent by that rotation: a second run works only from what was written back.
    sandbox.harvest.expireAccessTokens();
    expect((await companyName(config, env, "app")).code).toBe(0);
  });
});
