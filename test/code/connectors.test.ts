/** Code mode over more than one connector, with money: a harvestapi script stops at its budget. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connect, type ConnectOptions } from "../../src/index.js";
import { CreditsError } from "../../src/errors.js";
import { HARVESTAPI_SANDBOX_FIXTURES as FIXTURES } from "../../src/sandbox/harvestapi/index.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.harvestapi.reset();
  sandbox.harvest.reset();
});

function harvestapi(options: ConnectOptions = {}) {
  const info = sandbox.connectors.harvestapi!;
  return connect("harvestapi", { baseUrl: info.baseUrl, hosts: info.hosts, credentials: info.credentials.api_key, ...options });
}

function harvest(options: ConnectOptions = {}) {
  const info = sandbox.connectors.harvest!;
  return connect("harvest", { baseUrl: info.baseUrl, hosts: info.hosts, credentials: info.credentials.personal_access_token, ...options });
}

const searches = () => sandbox.harvestapi.stats.requestLog.filter((r) => r.path.includes("profile-search"));

describe("a harvestapi script", () => {
  it("stops at its budget: the call that would pass it is refused before sending, whatever the script catches", async () => {
    const script = `
      const found = [];
      for (const name of ["ada", "grace", "linus", "barbara", "ken"]) {
        try { found.push((await harvestapi.profiles.search({ search: name })).data.length) } catch (e) { console.log("caught", e.code) }
      }
      return found;
    `;
    const error = await harvestapi().run(script, { budget: 0.01 }).catch((e) => e);
    expect(error).toBeInstanceOf(CreditsError);
    expect(error).toMatchObject({ code: "E_CREDITS", budget: 0.01, spent: 0.008 });
    expect(error.message).toMatch(/over the budget of \$0.002; nothing was sent\. That was what is left of the script's budget of \$0.01 after \$0.008 spent.*raise the budget/);
    expect(searches()).toHaveLength(2);
  });

  it("reports what its calls spent, and holds concurrent calls to the budget together", async () => {
    const { cost, calls, result } = await harvestapi().run(`
      const results = await Promise.all(["ada", "grace"].map((search) => harvestapi.profiles.search({ search })));
      return results.map((r) => r.meta.cost);
    `);
    expect({ cost, calls, result }).toEqual({ cost: 0.008, calls: 2, result: [0.004, 0.004] });
    const error = await harvestapi()
      .run(`return await Promise.all(["ada", "grace", "linus"].map((search) => harvestapi.profiles.search({ search })))`, { budget: 0.009 })
      .catch((e) => e);
    // The third call could spend only what the two in flight did not hold; the script ended there, cancelling them.
    expect(error).toMatchObject({ code: "E_CREDITS", budget: 0.009, message: expect.stringMatching(/over the budget of \$0.001; nothing was sent/) });
    expect(searches().length).toBeLessThanOrEqual(2 + 2);
  });

  it("uses harvestapi's account entity and account() side by side", async () => {
    const { result } = await harvestapi().run(`return { me: typeof harvestapi.account.me, pools: typeof harvestapi.account.private_pools, named: typeof harvestapi.account("work").profiles.get }`);
    expect(result).toEqual({ me: "function", pools: "function", named: "function" });
  });
});

describe("a script over two connectors", () => {
  it("has a global for each, and docs() that names the connector", async () => {
    const { result } = await harvest().run<Record<string, unknown>>(
      `
      const me = await harvest.users.me();
      const profile = await harvestapi.profiles.get({ publicIdentifier: ${JSON.stringify(FIXTURES.creator.publicIdentifier)} });
      let bare;
      try { docs("profiles.get") } catch (e) { bare = e.message }
      return { me: me.data.first_name, profile: profile.data.firstName, docs: docs("harvestapi.profiles.get").action, bare };
    `,
      { connectors: [harvestapi()] },
    );
    expect(result).toMatchObject({ me: "Alex", profile: "Dana", docs: "get", bare: expect.stringMatching(/needs the connector first.*"harvest.profiles.get"/) });
  });

  it("refuses the same connector twice", async () => {
    await expect(harvest().run("return 1", { connectors: [harvest()] })).rejects.toThrow(/harvest was given twice/);
  });
});

describe("the host", () => {
  it("survives a script that nests too deeply for its stack, and runs the next one", async () => {
    const deep = await harvest().run(`let o = {}; for (let i = 0; i < 200000; i++) o = { o }; return JSON.stringify(o).length`).catch((e) => e);
    expect(deep.code).toBe("E_SCRIPT");
    const recursion = await harvest().run(`function f(n) { return f(n + 1) }\nf(0)`).catch((e) => e);
    expect(recursion).toMatchObject({ code: "E_SCRIPT", message: expect.stringMatching(/stack overflow/) });
    await expect(harvest().run(`return [1, 2].map((n) => n * 2)`)).resolves.toMatchObject({ result: [2, 4] });
  });
});
