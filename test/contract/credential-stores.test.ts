/**
 * One behaviour suite, run against every CredentialStore (environment, account-suffixed environment, static record,
 * local vault, the CLI's env-then-vault chain, the hosted API's connected account): a call carries the account's own
 * credential; an empty store is an AuthError with nothing sent; a store that takes updates keeps a rotated OAuth
 * refresh token for the next process; a store of several accounts never hands one account's record to another.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MockAgent } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { envCredentialStore, staticCredentialStore } from "../../src/credentials/env.js";
import { localCredentialStore } from "../../src/credentials/local.js";
import type { CredentialRecord, CredentialStore } from "../../src/credentials/types.js";
import { CredentialVault } from "../../src/credentials/vault.js";
import { AuthError, connect } from "../../src/index.js";
import type { Manifest } from "../../src/manifest/types.js";
import { accountConnection } from "../../src/server/account-connection.js";
import { openStore } from "../../src/server/store/open.js";
import { Vault } from "../../src/server/vault.js";
import { newMasterKey } from "../server/harness.js";
import { DEMO_DIR } from "../runtime/helpers.js";

const manifest = connect("demo", { connectorsDir: DEMO_DIR }).manifest;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "connectors-stores-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Records keyed by account name, each `{ variant?, ...fields }`. */
type Records = Record<string, CredentialRecord>;

interface StoreCase {
  name: string;
  /** Takes update(): a rotated refresh token can be kept. */
  writable: boolean;
  /** Holds several named accounts apart. */
  accounts: boolean;
  /** A store holding `records`; `reopen` gives a new instance over the same storage (the next process). */
  make(records: Records): Promise<{ store: CredentialStore; reopen(): CredentialStore }>;
}

/** The demo manifest's environment variables for a record, with the account's suffix. */
function envFor(records: Records): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const names: Record<string, string> = { api_key: "DEMO_API_KEY", client_id: "DEMO_CLIENT_ID", client_secret: "DEMO_CLIENT_SECRET", refresh_token: "DEMO_REFRESH_TOKEN" };
  for (const [account, record] of Object.entries(records))
    for (const [field, value] of Object.entries(record)) if (names[field]) env[account === "default" ? names[field] : `${names[field]}_${account.toUpperCase()}`] = value;
  return env;
}

function vaultWith(dir: string, records: Records): CredentialVault {
  const vault = new CredentialVault({ dir, env: { CONNECTORS_MASTER_KEY: Buffer.alloc(32, 9).toString("base64") } });
  for (const [account, { variant, ...fields }] of Object.entries(records)) vault.set("demo", account, variant ?? "key", fields);
  return vault;
}

async function hostedStore(records: Records) {
  const store = await openStore(`sqlite:${join(tempDir(), "hosted.db")}`);
  const vault = new Vault(newMasterKey());
  const now = new Date().toISOString();
  await store.createWorkspace({ id: "ws_1", name: "W", created_at: now }, "hash-1");
  const [account, { variant, ...fields }] = Object.entries(records)[0] ?? ["default", {}];
  const row = { id: "conn_1", workspace_id: "ws_1", connector_type: "demo", name: "Demo", user_id: "u", account, auth_variant: variant ?? "key", scopes: null, read_only: false, created_at: now, updated_at: now };
  const empty = Object.keys(fields).length === 0;
  await store.insertAccount({ ...row, status: empty ? "revoked" : "active", credentials: empty ? null : vault.seal(row.id, fields) });
  const connection = () => accountConnection({ store, vault, config: { masterKey: newMasterKey() } }, { ...row, status: "active", credentials: null });
  return { store: connection().credentials as CredentialStore, reopen: () => connection().credentials as CredentialStore };
}

const CASES: StoreCase[] = [
  { name: "environment", writable: false, accounts: true, make: async (records) => ({ store: envCredentialStore(manifest, envFor(records)), reopen: () => envCredentialStore(manifest, envFor(records)) }) },
  {
    name: "static record",
    writable: true,
    accounts: false,
    make: async (records) => {
      let kept: CredentialRecord | undefined;
      const store = staticCredentialStore(Object.values(records)[0] ?? {}, (record) => (kept = record));
      return { store, reopen: () => staticCredentialStore(kept ?? Object.values(records)[0] ?? {}) };
    },
  },
  {
    name: "local vault",
    writable: true,
    accounts: true,
    make: async (records) => {
      const dir = tempDir();
      return { store: vaultWith(dir, records), reopen: () => vaultWith(dir, {}) };
    },
  },
  {
    name: "environment, then vault (the CLI's)",
    writable: true,
    accounts: true,
    make: async (records) => {
      const dir = tempDir();
      // Every record in the vault, none in the environment: the chain must fall through to the vault, whole.
      return { store: localCredentialStore(manifest, vaultWith(dir, records)), reopen: () => localCredentialStore(manifest, vaultWith(dir, {})) };
    },
  },
  { name: "hosted connected account", writable: true, accounts: false, make: hostedStore },
];

/** An upstream that records each request's key and authorization, with an OAuth token endpoint that rotates. */
function upstream() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sent: { key?: string; bearer?: string }[] = [];
  const refreshes: string[] = [];
  agent
    .get("https://api.demo.test")
    .intercept({ path: (p) => p.startsWith("/v1/items/"), method: "GET" })
    .reply((options) => {
      const headers = Object.fromEntries(Object.entries(options.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
      sent.push({ key: headers["x-api-key"], bearer: headers.authorization });
      return { statusCode: 200, data: JSON.stringify({ item: { id: 1 } }), responseOptions: { headers: { "content-type": "application/json" } } };
    })
    .persist();
  agent
    .get("https://auth.demo.test")
    .intercept({ path: "/token", method: "POST" })
    .reply((options) => {
      const form = new URLSearchParams(String(options.body));
      refreshes.push(form.get("refresh_token")!);
      const body = { access_token: `access-for-${form.get("refresh_token")}`, refresh_token: `${form.get("refresh_token")}-rotated`, expires_in: 3600 };
      return { statusCode: 200, data: JSON.stringify(body), responseOptions: { headers: { "content-type": "application/json" } } };
    })
    .persist();
  return { agent, sent, refreshes };
}

const getItem = (store: CredentialStore, agent: MockAgent, account = "default") =>
  connect("demo", { connectorsDir: DEMO_DIR, credentials: store, account, dispatcher: agent, rateLimit: false }).execute("items", "get", { id: 1 });

describe.each(CASES)("the $name store", (storeCase) => {
  it("gives a call its account's credential", async () => {
    const { agent, sent } = upstream();
    const { store } = await storeCase.make({ default: { api_key: `key-${storeCase.name}` } });
    await getItem(store, agent);
    expect(sent).toEqual([{ key: `key-${storeCase.name}`, bearer: undefined }]);
  });

  it("is an AuthError naming what is missing when it holds nothing, and nothing is sent", async () => {
    const { agent, sent } = upstream();
    const { store } = await storeCase.make({});
    const error = await getItem(store, agent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(sent).toEqual([]);
  });

  it.runIf(storeCase.writable)("keeps a rotated OAuth refresh token for the next process", async () => {
    const { agent, sent, refreshes } = upstream();
    const refresh = `refresh-${storeCase.name.replace(/\W+/g, "-")}-${Date.now()}`;
    const { store, reopen } = await storeCase.make({ default: { variant: "oauth", client_id: "c", client_secret: "s", refresh_token: refresh } });
    await getItem(store, agent);
    expect(refreshes).toEqual([refresh]);
    const stored = await reopen().get("demo", "default");
    expect(stored).toMatchObject({ refresh_token: `${refresh}-rotated`, access_token: `access-for-${refresh}` });
    expect(sent.at(-1)!.bearer).toBe(`Bearer access-for-${refresh}`);
  });

  it.runIf(storeCase.accounts)("never hands one account's record to another", async () => {
    const { agent, sent } = upstream();
    const { store } = await storeCase.make({ default: { api_key: "key-of-default" }, work: { api_key: "key-of-work" } });
    await getItem(store, agent, "work");
    await getItem(store, agent, "default");
    expect(sent.map((s) => s.key)).toEqual(["key-of-work", "key-of-default"]);
    const missing = await getItem(store, agent, "other").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AuthError);
    expect(sent).toHaveLength(2);
  });
});

// The suite's own promise: it covers every kind of store the package ships.
it("covers every store the package ships", () => {
  expect(CASES.map((c) => c.name)).toEqual(["environment", "static record", "local vault", "environment, then vault (the CLI's)", "hosted connected account"]);
  expect((manifest as Manifest).auth.oauth?.type).toBe("oauth2_refresh");
});
