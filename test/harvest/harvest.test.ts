/** The harvest connector end to end: the interpreter against the Harvest sandbox, in the process through its msw handlers. */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NotFoundError, UpstreamError, ValidationError } from "../../src/errors.js";
import { connect, type ConnectOptions } from "../../src/runtime/connector.js";
import { mockDispatcher } from "../../src/sandbox/msw/dispatcher.js";
import { createSandbox, sandboxCredentials } from "../../src/sandbox/registry.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

// test/sandbox covers the same handlers over loopback HTTP.
const sandbox = { harvest: createSandbox("harvest") };
// Scaled-down limits so 429 handling can be shown in well under a second or two.
const fastSandbox = { harvest: createSandbox("harvest", { rateLimit: { requests: 5, perSeconds: 1 } }) };
beforeEach(() => sandbox.harvest.reset());

function harvest(options: ConnectOptions = {}, server = sandbox) {
  return connect("harvest", {
    dispatcher: mockDispatcher(server.harvest.handlers),
    credentials: sandboxCredentials("harvest").personal_access_token,
    ...options,
  });
}

/** The same connector over loopback HTTP to a sandbox server. */
function harvestOver(server: SandboxServer, options: ConnectOptions = {}) {
  const info = server.connectors.harvest!;
  return connect("harvest", { baseUrl: info.baseUrl, hosts: info.hosts, tokenUrl: info.tokenUrl, credentials: info.credentials.personal_access_token, ...options });
}

const apiRequests = () => sandbox.harvest.stats.requestLog.filter((r) => r.host === "api");

describe("the manifest covers Harvest v2", () => {
  it("has an action for each of the 113 documented operations, plus accounts.list", () => {
    const operations = readFileSync(new URL("../fixtures/harvest-operations.txt", import.meta.url), "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"));
    expect(operations).toHaveLength(113);
    const normalise = (path: string) => path.replace(/\{[^}]+\}/g, "{}");
    const declared = new Set<string>();
    for (const entity of Object.values(harvest().manifest.entities))
      for (const action of Object.values(entity.actions)) if (!action.host) declared.add(`${action.method} ${normalise(action.path)}`);
    for (const operation of operations) {
      const [method, path] = operation.split(" ");
      expect(declared, operation).toContain(`${method} ${normalise(path!)}`);
    }
    expect(declared.size).toBe(113);
  });

  it("keeps the fixed names other parts rely on", () => {
    const entities = Object.fromEntries(harvest().entities.map((e) => [e.name, e.actions]));
    expect(entities.time_entries).toEqual(expect.arrayContaining(["list", "get", "create", "update", "delete", "restart", "stop"]));
    expect(entities.projects).toEqual(expect.arrayContaining(["list", "get", "create", "update", "delete"]));
    expect(entities.users).toEqual(expect.arrayContaining(["list", "get", "me"]));
    expect(entities.clients).toContain("list");
    expect(entities.company).toContain("get");
    expect(entities.accounts).toEqual(["list"]);
  });
});

describe("requests", () => {
  it("sends the token, the account id and a User-Agent naming the product", async () => {
    await harvest().execute("users", "me");
    const [sent] = apiRequests();
    expect(sent!.headers.authorization).toBe("Bearer sandbox-harvest-token");
    expect(sent!.headers["harvest-account-id"]).toBe("1234567");
    expect(sent!.headers["user-agent"]).toMatch(/^agent-connectors \(https?:\/\//);
  });

  it("brings back a time-entry list spanning several pages whole, with the filters sent on every page", async () => {
    const params = { from: "2026-03-01", to: "2026-05-31", is_running: false, per_page: 100 };
    const first = await harvest().execute<unknown[]>("time_entries", "list", params);
    expect(first.meta.total_pages).toBeGreaterThan(3);
    sandbox.harvest.reset();
    const all = await harvest().execute<{ id: number; spent_date: string; is_running: boolean }[]>("time_entries", "list", params, { all: true });
    expect(all.data).toHaveLength(first.meta.total!);
    expect(all.meta).toMatchObject({ pages: first.meta.total_pages, has_more: false, next: null });
    expect(new Set(all.data.map((e) => e.id)).size).toBe(all.data.length);
    for (const entry of all.data) expect(entry.spent_date >= "2026-03-01" && entry.spent_date <= "2026-05-31" && !entry.is_running).toBe(true);
    const pages = apiRequests();
    expect(pages).toHaveLength(first.meta.total_pages!);
    for (const page of pages) expect(page.query).toMatchObject({ from: "2026-03-01", to: "2026-05-31", is_running: "false", per_page: "100" });
  });

  it("returns one page with the params of the next, which fetch the next page", async () => {
    const connector = harvest();
    const first = await connector.execute<{ id: number }[]>("time_entries", "list", { per_page: 50, project_id: undefined });
    expect(first.data).toHaveLength(50);
    expect(first.meta.has_more).toBe(true);
    expect(first.meta.next).toMatchObject({ page: 2, per_page: 50 });
    const second = await connector.execute<{ id: number }[]>("time_entries", "list", first.meta.next!);
    expect(second.data[0]!.id).not.toBe(first.data[0]!.id);
  });

  it("stops after limit records and iterates one page at a time", async () => {
    const limited = await harvest().execute<unknown[]>("time_entries", "list", { per_page: 30 }, { limit: 75 });
    expect(limited.data).toHaveLength(75);
    expect(limited.meta).toMatchObject({ pages: 3, has_more: true, cursor: expect.any(String) });
    const rest = await harvest().execute<{ id: number }[]>("time_entries", "list", {}, { cursor: limited.meta.cursor, limit: 30 });
    const whole = await harvest().execute<{ id: number }[]>("time_entries", "list", { per_page: 30 }, { limit: 105 });
    expect(rest.data.map((e) => e.id)).toEqual(whole.data.slice(75).map((e) => e.id));
    let count = 0;
    for await (const _ of harvest().paginate("clients", "list", { per_page: 2 })) count++;
    const clients = await harvest().execute<unknown[]>("clients", "list");
    expect(count).toBe(clients.data.length);
  });

  it("sends nothing for invalid params, naming each", async () => {
    // Typed code could not even compile this call; here it stands for untyped input (an agent's, a CLI user's).
    const error = await harvest()
      .execute<unknown>("time_entries", "list", { from: "2026-02-30", user_id: "me", per_page: 5000, colour: "red" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: { param: string }) => i.param).sort()).toEqual(["colour", "from", "per_page", "user_id"]);
    expect(sandbox.harvest.stats.requestLog).toHaveLength(0);
  });

  it("takes updated_since as a date (sent as given, as Harvest takes it) or a date-time, and names both forms otherwise", async () => {
    const byDate = await harvest().execute<{ updated_at: string }[]>("time_entries", "list", { updated_since: "2026-06-29" }, { limit: 500 });
    expect(apiRequests()[0]!.query.updated_since).toBe("2026-06-29");
    expect(byDate.data.length).toBeGreaterThan(0);
    for (const entry of byDate.data) expect(entry.updated_at >= "2026-06-29T00:00:00Z").toBe(true);
    const byTime = await harvest().execute<unknown[]>("time_entries", "list", { updated_since: "2026-06-29T12:00:00Z" }, { limit: 500 });
    expect(byTime.data.length).toBeLessThanOrEqual(byDate.data.length);
    const error = await harvest().execute("clients", "list", { updated_since: "yesterday" }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      { param: "updated_since", message: 'must be a real calendar date as YYYY-MM-DD or an ISO 8601 date-time such as 2026-03-01T09:00:00Z (got "yesterday")' },
    ]);
  });

  it("refuses an invoice import without project_ids, as Harvest would, before sending", async () => {
    const error = await harvest()
      .execute("invoices", "create", { client_id: 5735731, line_items_import: { time: { summary_type: "task" } } } as never)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([{ param: "line_items_import.project_ids", message: "is required" }]);
    expect(apiRequests()).toHaveLength(0);
  });

  it("finds the account id with only a token", async () => {
    const result = await harvest({ credentials: { token: "sandbox-harvest-token" } }).execute<{ id: number }[]>("accounts", "list");
    expect(result.data[0]!.id).toBe(1234567);
    await expect(harvest({ credentials: { token: "sandbox-harvest-token" } }).execute("users", "me")).rejects.toThrow(
      /incomplete credentials for harvest: personal_access_token also needs the "account_id" credential/,
    );
  });
});

describe("logging time", () => {
  it("resolves assignments, creates, stops, restarts, updates and deletes a time entry", async () => {
    const connector = harvest();
    const assignments = await connector.execute<{ project: { id: number }; task_assignments: { task: { id: number } }[] }[]>("project_assignments", "mine");
    const assignment = assignments.data[0]!;
    const created = await connector.execute<{ id: number; is_running: boolean; hours: number }>("time_entries", "create", {
      project_id: assignment.project.id,
      task_id: assignment.task_assignments[0]!.task.id,
      spent_date: "2026-06-30",
      notes: "Timer from the test suite",
    });
    expect(created.meta.status).toBe(201);
    expect(created.data.is_running).toBe(true);
    const stopped = await connector.execute<{ is_running: boolean }>("time_entries", "stop", { id: created.data.id });
    expect(stopped.data.is_running).toBe(false);
    const again = await connector.execute("time_entries", "stop", { id: created.data.id }).catch((e) => e);
    expect(again).toBeInstanceOf(UpstreamError);
    expect(again.status).toBe(422);
    await connector.execute("time_entries", "restart", { id: created.data.id });
    const updated = await connector.execute<{ notes: string }>("time_entries", "update", { id: created.data.id, notes: "Renamed" });
    expect(updated.data.notes).toBe("Renamed");
    await connector.execute("time_entries", "delete", { id: created.data.id });
    const gone = await connector.execute("time_entries", "get", { id: created.data.id }).catch((e) => e);
    expect(gone).toBeInstanceOf(NotFoundError);
  });

  it("carries Harvest's 422 message", async () => {
    const error = await harvest()
      .execute("time_entries", "create", { project_id: 1, task_id: 1, spent_date: "2026-06-01", hours: 1 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.status).toBe(422);
    expect(error.upstreamMessage).toBeTruthy();
    expect(error.message).toContain(error.upstreamMessage);
  });

  it("names the credentials when the token is wrong, without showing it", async () => {
    const error = await harvest({ credentials: { token: "wrong-token-value", account_id: "1234567" } }).execute("users", "me").catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain("HTTP 401");
    expect(error.message).toContain("expired, revoked, malformed or invalid");
    expect(error.credentials).toEqual(["token"]);
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain("wrong-token-value");
  });
});

describe("OAuth2 against the sandbox's token endpoint", () => {
  // Each test gets a sandbox server of its own: OAuth sessions live per process, keyed by token URL and refresh-token
  // lineage, so the fixed refresh token needs another token URL to start afresh.
  let own: SandboxServer;
  beforeEach(async () => (own = await startSandbox({ harvest: { rateLimit: false } })));
  afterEach(() => own.close());
  const oauth = () => ({ ...own.connectors.harvest!.credentials.oauth2! });
  const harvestOAuth = (options: ConnectOptions = {}) => harvestOver(own, { credentials: oauth(), ...options });

  it("shares one refresh between concurrent calls and hands back the rotated refresh token", async () => {
    const changes: Record<string, string>[] = [];
    const connector = harvestOAuth({ onCredentialsChange: (r) => changes.push(r) });
    const results = await Promise.all(Array.from({ length: 8 }, () => connector.execute("users", "me")));
    expect(results.every((r) => r.meta.status === 200)).toBe(true);
    expect(own.harvest.stats.tokenRequests).toBe(1);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.refresh_token).not.toBe(oauth().refresh_token);
  });

  it("refreshes once when the access token is refused, then succeeds", async () => {
    const connector = harvestOAuth();
    await connector.execute("users", "me");
    own.harvest.expireAccessTokens();
    const result = await connector.execute("users", "me");
    expect(result.meta.status).toBe(200);
    expect(own.harvest.stats.tokenRequests).toBe(2);
  });

  it("reports a revoked refresh token as an AuthError asking to re-authorize", async () => {
    const credentials = oauth();
    own.harvest.revokeRefreshToken(credentials.refresh_token);
    const error = await harvestOver(own, { credentials }).execute("users", "me").catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.reason).toBe("revoked");
    expect(error.message).toContain("re-authorize");
    expect(own.harvest.stats.requestLog.filter((r) => r.host === "api")).toHaveLength(0);
  });
});

describe("rate limits", () => {
  beforeEach(() => fastSandbox.harvest.reset());

  it("waits out a 429 (Retry-After) and completes every call", async () => {
    const connector = harvest({ rateLimit: false }, fastSandbox);
    const results = await Promise.all(Array.from({ length: 8 }, () => connector.execute("company", "get")));
    expect(results.every((r) => r.meta.status === 200)).toBe(true);
    // The 6th to 8th requests met 429 once and were sent again.
    expect(fastSandbox.harvest.stats.requestLog.length).toBeGreaterThan(8);
  });

  it("paces itself under the limit so no 429 happens", async () => {
    const connector = harvest({ rateLimit: { requests: 5, perSeconds: 1 } }, fastSandbox);
    await Promise.all(Array.from({ length: 8 }, () => connector.execute("company", "get")));
    expect(fastSandbox.harvest.stats.requestLog).toHaveLength(8);
  });
});

describe("every list action answers on the sandbox", () => {
  const connector = () => harvest({ rateLimit: false });
  const lists = Object.entries(connect("harvest").manifest.entities).flatMap(([entity, e]) =>
    Object.entries(e.actions)
      .filter(([, a]) => a.method === "GET" && a.records && !/\{/.test(a.path))
      .map(([action]) => [`${entity}.${action}`, entity, action] as const),
  );

  it.each(lists)("%s", async (_, entity, action) => {
    const params = entity === "reports" && action !== "project_budget" ? { from: "2026-01-01", to: "2026-06-30" } : {};
    const result = await connector().execute<unknown[]>(entity, action, params);
    expect(Array.isArray(result.data)).toBe(true);
    expect(result.data.length).toBeGreaterThan(0);
  });
});
