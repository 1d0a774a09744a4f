/** The pieces behind the CLI's credentials, in process: sealing records, and choosing one store's whole record. */
import { describe, expect, it } from "vitest";
import { chainedCredentialStore } from "../../src/credentials/chain.js";
import { decryptRecord, encryptRecord, masterKey, SealedRecordError } from "../../src/credentials/cipher.js";
import type { CredentialRecord, CredentialStore } from "../../src/credentials/types.js";
import type { Manifest } from "../../src/manifest/types.js";

const key = masterKey(Buffer.alloc(32, 7));

describe("encryptRecord / decryptRecord", () => {
  it("round-trips a record with a fresh nonce each time and the key's id", () => {
    const record = { token: "s3cret", account_id: "1" };
    const a = encryptRecord(record, key, "harvest\0default");
    const b = encryptRecord(record, key, "harvest\0default");
    expect(a.key_id).toBe(key.id);
    expect(Buffer.from(a.nonce, "base64")).toHaveLength(12);
    expect(a.nonce).not.toBe(b.nonce);
    expect(decryptRecord(a, key, "harvest\0default")).toEqual(record);
  });

  it("refuses another key, another context, and a changed ciphertext", () => {
    const sealed = encryptRecord({ token: "s3cret" }, key, "harvest\0default");
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as SealedRecordError).reason;
      }
    };
    expect(reason(() => decryptRecord(sealed, masterKey(Buffer.alloc(32, 8)), "harvest\0default"))).toBe("wrong_key");
    expect(reason(() => decryptRecord(sealed, key, "harvest\0work"))).toBe("damaged");
    const flipped = Buffer.from(sealed.ciphertext, "base64").map((byte, i) => (i === 0 ? byte ^ 1 : byte));
    expect(reason(() => decryptRecord({ ...sealed, ciphertext: Buffer.from(flipped).toString("base64") }, key, "harvest\0default"))).toBe("damaged");
  });
});

describe("chainedCredentialStore", () => {
  const manifest = {
    auth: {
      token: { fields: { token: { secret: true }, account_id: {} }, apply: {} },
      oauth: { fields: { refresh_token: { secret: true }, account_id: {} }, apply: {} },
    },
  } as unknown as Manifest;
  const store = (record: CredentialRecord | undefined) => {
    const updates: CredentialRecord[] = [];
    return { updates, get: () => record, update: (_c: string, _a: string, changes: CredentialRecord) => void updates.push(changes) } satisfies CredentialStore & { updates: CredentialRecord[] };
  };

  it("takes the first record that completes a variant, whole", async () => {
    const env = store({ account_id: "from-env" });
    const vault = store({ refresh_token: "r", account_id: "from-vault", variant: "oauth" });
    const chain = chainedCredentialStore(manifest, [env, vault]);
    expect(await chain.get("x", "default")).toEqual({ refresh_token: "r", account_id: "from-vault", variant: "oauth" });
    await chain.update!("x", "default", { refresh_token: "r2" });
    expect(vault.updates).toEqual([{ refresh_token: "r2" }]);
    expect(await chainedCredentialStore(manifest, [store({ token: "t", account_id: "1" }), vault]).get("x", "default")).toEqual({ token: "t", account_id: "1" });
  });

  it("gives the first partial record when none is complete, and undefined when there is none", async () => {
    expect(await chainedCredentialStore(manifest, [store({ account_id: "1" }), store({ token: "t" })]).get("x", "default")).toEqual({ account_id: "1" });
    expect(await chainedCredentialStore(manifest, [store(undefined), store(undefined)]).get("x", "default")).toBeUndefined();
  });

  it("respects a record's explicit variant", async () => {
    const mislabelled = store({ token: "t", account_id: "1", variant: "oauth" });
    const vault = store({ refresh_token: "r", account_id: "2", variant: "oauth" });
    expect(await chainedCredentialStore(manifest, [mislabelled, vault]).get("x", "default")).toBe(vault.get());
  });
});
