/** The token file: owner-only, well-formed, tokens never echoed, each entry's credentials kept to its own token. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CredentialStore } from "../../src/credentials/types.js";
import { CredentialVault } from "../../src/credentials/vault.js";
import { readTokenFile } from "../../src/mcp/index.js";
import { tempDir, tokenFile } from "./token-files.js";

const TOKEN_A = "a".repeat(32);
const TOKEN_B = "b".repeat(32);
const PAT = { token: "pat-of-a", account_id: "111" };

describe("readTokenFile", () => {
  it("maps each token to its own credentials, and an unknown token to nobody", async () => {
    const tokens = readTokenFile(tokenFile({ [TOKEN_A]: { harvest: PAT }, [TOKEN_B]: { harvest: { token: "pat-of-b", account_id: "222" } } }));
    expect(await ((await tokens.resolveToken(TOKEN_A))!.connectors.harvest!.credentials as CredentialStore).get("harvest", "default")).toEqual(PAT);
    expect(await ((await tokens.resolveToken(TOKEN_B))!.connectors.harvest!.credentials as CredentialStore).get("harvest", "default")).toMatchObject({ token: "pat-of-b" });
    expect(await tokens.resolveToken("c".repeat(32))).toBeUndefined();
    expect(await tokens.resolveToken(TOKEN_A.slice(1))).toBeUndefined();
  });

  it("reads a named vault account for a connector given by name", async () => {
    const vault = new CredentialVault({ dir: join(tempDir(), "vault"), env: { CONNECTORS_MASTER_KEY: Buffer.alloc(32, 7).toString("base64") } });
    vault.set("harvest", "alice", "personal_access_token", PAT);
    const tokens = readTokenFile(tokenFile({ [TOKEN_A]: { harvest: "alice" } }), () => vault);
    expect(await ((await tokens.resolveToken(TOKEN_A))!.connectors.harvest!.credentials as CredentialStore).get("harvest", "default")).toMatchObject(PAT);
  });

  it("refuses a file others can read or change", () => {
    for (const mode of [0o644, 0o640, 0o620])
      expect(() => readTokenFile(tokenFile({}, mode))).toThrow(new RegExp(`can be read or changed by others \\(mode ${mode.toString(8)}\\).*run chmod 600 `));
  });

  it("names bad entries by position, never by token, and never quotes the file", () => {
    const short = "short-secret-1";
    expect(() => readTokenFile(tokenFile({ [TOKEN_A]: {}, [short]: {} }))).toThrow(/entry 2: a token must be at least 16 characters/);
    expect(() => readTokenFile(tokenFile({ [short]: {} }))).toThrow(expect.objectContaining({ message: expect.not.stringContaining(short) }));
    expect(() => readTokenFile(tokenFile({ [TOKEN_A]: { harvest: { token: 5 } } }))).toThrow(/entry 1: harvest must be a credential record of strings/);
    expect(() => readTokenFile(tokenFile(`{"${TOKEN_A}": {`))).toThrow(/is not valid JSON$/);
    expect(() => readTokenFile(tokenFile([TOKEN_A]))).toThrow(/must be a JSON object mapping each token/);
    expect(() => readTokenFile(join(tempDir(), "missing.json"))).toThrow(/^cannot read the token file: ENOENT/);
  });
});
