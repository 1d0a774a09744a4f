/** The Harvest sandbox over loopback: auth, envelopes and links, filters, CRUD, timers, reports, OAuth, rate limits, reset. */
import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

const PAT = "sandbox-harvest-token";
const ACCOUNT_ID = "1234567";
const USER_AGENT = "sandbox tests (dev@example.com)";
const CLIENT = { client_id: "sandbox-harvest-client-id", client_secret: "sandbox-harvest-client-secret" };
const INITIAL_REFRESH_TOKEN = "sandbox-harvest-refresh-token";

let sandbox: SandboxServer;
let api: string;

interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON; undefined for an empty body. */
  body: any;
}

function headersFor(token = PAT): Record<string, string> {
  return { Authorization: `Bearer ${token}`, "Harvest-Account-Id": ACCOUNT_ID, "User-Agent": USER_AGENT };
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = headersFor()): Promise<Answer> {
  const url = path.startsWith("http") ? path : api + path;
  const json = body === undefined ? {} : { body: JSON.stringify(body), headers: { ...headers, "Content-Type": "application/json" } };
  return send(url, { method, headers, ...json });
}

const get = (path: string) => call("GET", path);

function tokenRequest(params: Record<string, string>): Promise<Answer> {
  return send(sandbox.connectors.harvest.tokenUrl!, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT },
    body: new URLSearchParams(params).toString(),
  });
}

/** Follows links.next from `path`, returning every page body. */
async function walk(path: string): Promise<Answer["body"][]> {
  const pages = [];
  let next: string | null = api + path;
  while (next) {
    const page = await get(next);
    expect(page.status).toBe(200);
    pages.push(page.body);
    next = page.body.links.next;
  }
  return pages;
}

/** A project and task the authenticated user can log time against, found the way an agent would. */
async function myAssignment(): Promise<{ projectId: number; taskId: number }> {
  const { body } = await get("/users/me/project_assignments");
  const assignment = body.project_assignments[0];
  return { projectId: assignment.project.id, taskId: assignment.task_assignments[0].task.id };
}

beforeAll(async () => {
  sandbox = await startSandbox({ harvest: { rateLimit: false, reportsRateLimit: false } });
  api = sandbox.connectors.harvest.baseUrl;
});

afterAll(() => sandbox.close());

beforeEach(() => sandbox.harvest.reset());

describe("connector info", () => {
  it("describes the simulated hosts and the fixed credentials", () => {
    const info = sandbox.connectors.harvest;
    expect(info.baseUrl).toBe(`${sandbox.url}/harvest/v2`);
    expect(info.tokenUrl).toBe(`${sandbox.url}/harvest-id/api/v2/oauth2/token`);
    expect(info.hosts).toEqual({ id: `${sandbox.url}/harvest-id/api/v2` });
    expect(info.credentials.personal_access_token).toEqual({ token: PAT, account_id: ACCOUNT_ID });
    expect(info.credentials.oauth2).toEqual({ ...CLIENT, refresh_token: INITIAL_REFRESH_TOKEN, account_id: ACCOUNT_ID });
  });

  it("answers 404 JSON outside the mounted prefixes", async () => {
    const answer = await send(`${sandbox.url}/nothing/here`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });
});

describe("authentication", () => {
  const INVALID_TOKEN = {
    error: "invalid_token",
    error_description: "The access token provided is expired, revoked, malformed or invalid for other reasons.",
  };

  it("accepts the personal access token with the account id, with JSON and a request id", async () => {
    const answer = await get("/users/me");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ first_name: "Alex", last_name: "Morgan", access_roles: ["administrator"] });
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("answers 401 invalid_token for a missing or unknown token", async () => {
    const { Authorization: _, ...anonymous } = headersFor();
    expect(await call("GET", "/users/me", undefined, anonymous)).toMatchObject({ status: 401, body: INVALID_TOKEN });
    expect(await call("GET", "/users/me", undefined, headersFor("nope"))).toMatchObject({ status: 401, body: INVALID_TOKEN });
  });

  it("answers 401 invalid_token, naming the header, for a missing or foreign Harvest-Account-Id", async () => {
    const { "Harvest-Account-Id": _, ...noAccount } = headersFor();
    const missing = await call("GET", "/users/me", undefined, noAccount);
    expect(missing).toMatchObject({ status: 401, body: { error: "invalid_token" } });
    expect(missing.body.error_description).toContain("Harvest-Account-Id");
    const foreign = await call("GET", "/users/me", undefined, { ...headersFor(), "Harvest-Account-Id": "42" });
    expect(foreign).toMatchObject({ status: 401, body: { error: "invalid_token" } });
    expect(foreign.body.error_description).toContain("42");
  });

  it("rejects a request without User-Agent with 400", async () => {
    const url = new URL(`${api}/users/me`);
    const { "User-Agent": _, ...headers } = headersFor();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { headers }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toContain("User-Agent");
  });
});

describe("lists", () => {
  it("walks every page of a filtered list, the filter carried by every link and sent on every page", async () => {
    const { projectId } = await myAssignment();
    const pages = await walk(`/time_entries?project_id=${projectId}&per_page=10`);
    const first = pages[0];
    expect(Object.keys(first)).toEqual(["time_entries", "per_page", "total_pages", "total_entries", "next_page", "previous_page", "page", "links"]);
    expect(first.total_pages).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(2);
    const entries = pages.flatMap((page) => page.time_entries);
    expect(entries).toHaveLength(first.total_entries);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    expect(entries.every((entry) => entry.project.id === projectId)).toBe(true);
    const days = entries.map((entry) => entry.spent_date);
    expect(days).toEqual([...days].sort().reverse());
    for (const page of pages) {
      for (const link of Object.values(page.links).filter(Boolean)) expect(link).toContain(`project_id=${projectId}`);
    }
    expect(pages[1]).toMatchObject({ page: 2, previous_page: 1, next_page: 3 });
    const sent = sandbox.harvest.stats.requestLog.filter((record) => record.path === "/time_entries");
    expect(sent).toHaveLength(pages.length);
    expect(sent.every((record) => record.query.project_id === String(projectId))).toBe(true);
  });

  it("follows cursor links on endpoints Harvest paginates by cursor", async () => {
    const pages = await walk("/users?per_page=2");
    expect(pages).toHaveLength(4);
    expect(pages[0].links.next).toMatch(/cursor=[\w-]+&per_page=2&ref=next_cursor$/);
    expect(pages[1]).toMatchObject({ page: null, next_page: null, previous_page: null });
    expect(pages[3]).toMatchObject({ page: 4, next_page: null, previous_page: 3 });
    const ids = pages.flatMap((page) => page.users.map((user: { id: number }) => user.id));
    expect(ids).toHaveLength(8);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("enforces per_page between 1 and 2000, defaulting to 2000", async () => {
    expect((await get("/clients?per_page=0")).status).toBe(422);
    const tooMany = await get("/time_entries?per_page=2001");
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.message).toContain("per_page");
    const all = await get("/time_entries");
    expect(all.body.per_page).toBe(2000);
    expect(all.body.time_entries).toHaveLength(2000);
    expect(all.body.total_entries).toBeGreaterThan(2500);
  });

  it("filters by date range, running state, billing and ids", async () => {
    const january = await get("/time_entries?from=2026-01-05&to=2026-01-09");
    expect(january.body.total_entries).toBeGreaterThan(50);
    expect(january.body.time_entries.every((entry: { spent_date: string }) => entry.spent_date >= "2026-01-05" && entry.spent_date <= "2026-01-09")).toBe(true);
    const running = await get("/time_entries?is_running=true");
    expect(running.body.total_entries).toBe(1);
    expect(running.body.time_entries[0]).toMatchObject({ is_running: true, timer_started_at: "2026-06-30T15:10:00Z" });
    const billed = await get("/time_entries?is_billed=true&per_page=50");
    expect(billed.body.time_entries.every((entry: { invoice: unknown }) => entry.invoice !== null)).toBe(true);
    const { body: users } = await get("/users?is_active=false");
    expect(users.users.map((user: { first_name: string }) => user.first_name)).toEqual(["Tom"]);
    const { body: paid } = await get("/invoices?state=paid");
    expect(paid.invoices.length).toBeGreaterThan(5);
    expect(paid.invoices.every((invoice: { state: string; due_amount: number }) => invoice.state === "paid" && invoice.due_amount === 0)).toBe(true);
  });

  it("answers 422 for malformed filter values", async () => {
    const badDate = await get("/time_entries?from=2026-02-30");
    expect(badDate).toMatchObject({ status: 422, body: { message: expect.stringContaining("from") } });
    expect((await get("/time_entries?user_id=abc")).body.message).toContain("user_id");
    expect((await get("/invoices?state=lost")).status).toBe(422);
    expect((await get("/clients?updated_since=yesterday")).status).toBe(422);
  });
});

describe("records", () => {
  it("creates, reads, updates and deletes a client; unknown ids are 404", async () => {
    const created = await call("POST", "/clients", { name: "Acme Rockets", currency: "EUR" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Acme Rockets", currency: "EUR", is_active: true, address: null });
    const path = `/clients/${created.body.id}`;
    expect((await get(path)).body.name).toBe("Acme Rockets");
    expect((await get("/clients")).body.clients[0].id).toBe(created.body.id);
    const updated = await call("PATCH", path, { is_active: false });
    expect(updated).toMatchObject({ status: 200, body: { is_active: false, name: "Acme Rockets" } });
    const deleted = await call("DELETE", path);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toBeUndefined();
    expect(await get(path)).toMatchObject({ status: 404, body: { status: 404, error: "Not Found" } });
  });

  it("validates bodies with 422 messages naming the field, and rejects malformed JSON with 400", async () => {
    const missing = await call("POST", "/clients", {});
    expect(missing).toMatchObject({ status: 422, body: { message: "name can't be blank" } });
    const badJson = await send(`${api}/clients`, { method: "POST", headers: { ...headersFor(), "Content-Type": "application/json" }, body: "{oops" });
    expect(badJson.status).toBe(400);
    const taken = await call("POST", "/clients", { name: "Northwind Traders" });
    expect(taken.body.message).toBe("name has already been taken");
  });

  it("accepts form-encoded bodies, as Harvest does", async () => {
    const created = await send(`${api}/tasks`, {
      method: "POST",
      headers: { ...headersFor(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ name: "Support", default_hourly_rate: "95.5", billable_by_default: "false" }).toString(),
    });
    expect(created).toMatchObject({ status: 201, body: { name: "Support", default_hourly_rate: 95.5, billable_by_default: false } });
  });

  it("creates a project with its default task and user assignments, nested and top-level", async () => {
    const { body: client } = await call("POST", "/clients", { name: "Acme Rockets" });
    const project = await call("POST", "/projects", { client_id: client.id, name: "Launch", is_billable: true, bill_by: "Project", hourly_rate: 150, budget_by: "none" });
    expect(project.status).toBe(201);
    expect(project.body.client).toEqual({ id: client.id, name: "Acme Rockets", currency: "USD" });
    const tasks = await get(`/projects/${project.body.id}/task_assignments`);
    expect(tasks.body.task_assignments.map((a: { task: { name: string } }) => a.task.name).sort()).toEqual(["Design", "Development", "Project Management", "Research"]);
    const members = await get(`/projects/${project.body.id}/user_assignments`);
    expect(members.body.user_assignments[0].user.name).toBe("Alex Morgan");
    const { body: topLevel } = await get("/task_assignments?per_page=1");
    expect(topLevel.task_assignments[0].project.id).toBe(project.body.id);
  });
});

describe("time entries", () => {
  it("logs time in duration and timestamp mode after resolving the project and task", async () => {
    const { projectId, taskId } = await myAssignment();
    const duration = await call("POST", "/time_entries", { project_id: projectId, task_id: taskId, spent_date: "2026-06-29", hours: 1.5, notes: "Agent work" });
    expect(duration.status).toBe(201);
    expect(duration.body).toMatchObject({ hours: 1.5, rounded_hours: 1.5, is_running: false, notes: "Agent work", project: { id: projectId }, user: { name: "Alex Morgan" } });
    const timed = await call("POST", "/time_entries", { project_id: projectId, task_id: taskId, spent_date: "2026-06-29", started_time: "8:00am", ended_time: "9:45am" });
    expect(timed.body).toMatchObject({ hours: 1.75, started_time: "8:00am", ended_time: "9:45am", is_running: false });
    const { body: filtered } = await get(`/time_entries?from=2026-06-29&to=2026-06-29&user_id=${duration.body.user.id}`);
    expect(filtered.time_entries.slice(0, 2).map((entry: { id: number }) => entry.id)).toEqual([timed.body.id, duration.body.id]);
  });

  it("answers 422 naming project_id or task_id when they are missing or not assigned", async () => {
    const missing = await call("POST", "/time_entries", { task_id: 1, spent_date: "2026-06-29", hours: 1 });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain("project_id can't be blank");
    const { projectId } = await myAssignment();
    const { body: tasks } = await get("/tasks?is_active=true");
    const { body: assigned } = await get(`/projects/${projectId}/task_assignments`);
    const assignedIds = assigned.task_assignments.map((a: { task: { id: number } }) => a.task.id);
    const foreignTask = tasks.tasks.find((task: { id: number }) => !assignedIds.includes(task.id));
    const unassigned = await call("POST", "/time_entries", { project_id: projectId, task_id: foreignTask.id, spent_date: "2026-06-29", hours: 1 });
    expect(unassigned).toMatchObject({ status: 422, body: { message: `task_id ${foreignTask.id} is not assigned to project ${projectId}` } });
  });

  it("starts a timer (stopping the user's other one), stops and restarts it by Harvest's rules", async () => {
    const { projectId, taskId } = await myAssignment();
    const { body: before } = await get("/time_entries?is_running=true");
    const seededTimer = before.time_entries[0];
    const started = await call("POST", "/time_entries", { project_id: projectId, task_id: taskId, spent_date: "2026-06-30" });
    expect(started.body).toMatchObject({ is_running: true, hours_without_timer: 0 });
    expect((await get(`/time_entries/${seededTimer.id}`)).body.is_running).toBe(false);
    const path = `/time_entries/${started.body.id}`;
    expect((await call("PATCH", `${path}/restart`)).status).toBe(422);
    const stopped = await call("PATCH", `${path}/stop`);
    expect(stopped).toMatchObject({ status: 200, body: { is_running: false, timer_started_at: null } });
    expect((await call("PATCH", `${path}/stop`)).status).toBe(422);
    const restarted = await call("PATCH", `${path}/restart`);
    expect(restarted.body.is_running).toBe(true);
  });

  it("stores and removes an external reference, filterable by its id", async () => {
    const { projectId, taskId } = await myAssignment();
    const reference = { id: "PR-7", group_id: "repo", permalink: "https://github.com/acme/repo/pull/7" };
    const { body: entry } = await call("POST", "/time_entries", { project_id: projectId, task_id: taskId, spent_date: "2026-06-29", hours: 0.5, external_reference: reference });
    expect(entry.external_reference).toMatchObject({ ...reference, service: "github.com" });
    expect((await get("/time_entries?external_reference_id=PR-7")).body.total_entries).toBe(1);
    expect((await call("DELETE", `/time_entries/${entry.id}/external_reference`)).status).toBe(200);
    expect((await get(`/time_entries/${entry.id}`)).body.external_reference).toBeNull();
  });
});

describe("invoices", () => {
  it("computes amounts, is sent by a message, paid by a payment, reopened when the payment goes", async () => {
    const { body: client } = await get("/clients?per_page=1");
    const created = await call("POST", "/invoices", {
      client_id: client.clients[0].id,
      tax: 10,
      discount: 10,
      payment_term: "net 15",
      issue_date: "2026-06-30",
      line_items: [
        { kind: "Service", description: "Workshop", quantity: 2, unit_price: 500, taxed: true },
        { kind: "Product", description: "Licence", unit_price: 100 },
      ],
    });
    expect(created.status).toBe(201);
    // 1100 - 10% discount (110) + 10% tax on the discounted taxed line (90)
    expect(created.body).toMatchObject({ state: "draft", amount: 1080, discount_amount: 110, tax_amount: 90, due_date: "2026-07-15" });
    const path = `/invoices/${created.body.id}`;
    const template = await get(`${path}/messages/new?reminder=true`);
    expect(template.body).toMatchObject({ invoice_id: created.body.id, reminder: true, thank_you: false });
    expect((await call("POST", `${path}/messages`, { subject: "Invoice" })).status).toBe(422);
    const message = await call("POST", `${path}/messages`, { recipients: [{ name: "Ann", email: "ann@example.com" }] });
    expect(message.status).toBe(201);
    expect((await get(path)).body.state).toBe("open");
    const payment = await call("POST", `${path}/payments`, { amount: 1080, paid_date: "2026-06-30" });
    expect(payment.body).toMatchObject({ amount: 1080, paid_at: "2026-06-30T00:00:00Z", recorded_by: "Alex Morgan" });
    expect((await get(path)).body).toMatchObject({ state: "paid", due_amount: 0, paid_date: "2026-06-30" });
    await call("DELETE", `${path}/payments/${payment.body.id}`);
    expect((await get(path)).body).toMatchObject({ state: "open", due_amount: 1080 });
  });
});

describe("reports", () => {
  it("computes a time report from the entries, with from/to required", async () => {
    const report = await get("/reports/time/projects?from=20260101&to=20260131");
    expect(report.status).toBe(200);
    expect(report.body.links.first).toContain("from=20260101");
    const total = report.body.results.reduce((sum: number, row: { total_hours: number }) => sum + row.total_hours, 0);
    const entries = (await get("/time_entries?from=2026-01-01&to=2026-01-31")).body.time_entries;
    const hours = entries.reduce((sum: number, entry: { hours: number }) => sum + entry.hours, 0);
    expect(total).toBeCloseTo(hours, 2);
    expect(report.body.results[0]).toHaveProperty("billable_amount");
    expect((await get("/reports/time/projects?from=20260101")).status).toBe(422);
    expect((await get("/reports/uninvoiced?from=20250101&to=20260630")).status).toBe(422);
  });
});

describe("OAuth host", () => {
  const refresh = (refresh_token: string, client = CLIENT) => tokenRequest({ grant_type: "refresh_token", refresh_token, ...client });

  it("refreshes with rotation: the new access token works, the old refresh token is invalid_grant", async () => {
    const refreshed = await refresh(INITIAL_REFRESH_TOKEN);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ token_type: "bearer", expires_in: 64800 });
    expect(refreshed.body.refresh_token).not.toBe(INITIAL_REFRESH_TOKEN);
    expect((await call("GET", "/users/me", undefined, headersFor(refreshed.body.access_token))).status).toBe(200);
    const reused = await refresh(INITIAL_REFRESH_TOKEN);
    expect(reused).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const next = await refresh(refreshed.body.refresh_token);
    expect(next.status).toBe(200);
    expect(sandbox.harvest.stats.tokenRequests).toBe(3);
  });

  it("rejects a wrong client, revoked refresh tokens and expired access tokens", async () => {
    const wrongClient = await refresh(INITIAL_REFRESH_TOKEN, { ...CLIENT, client_secret: "wrong" });
    expect(wrongClient).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const { body: grant } = await refresh(INITIAL_REFRESH_TOKEN);
    sandbox.harvest.expireAccessTokens();
    expect((await call("GET", "/users/me", undefined, headersFor(grant.access_token))).status).toBe(401);
    sandbox.harvest.revokeRefreshToken(grant.refresh_token);
    expect((await refresh(grant.refresh_token)).body.error).toBe("invalid_grant");
  });

  it("exchanges a single-use authorization code, also from a JSON body", async () => {
    const code = sandbox.harvest.issueAuthorizationCode({ redirectUri: "http://localhost/callback" });
    const params = { grant_type: "authorization_code", code, ...CLIENT, redirect_uri: "http://localhost/callback" };
    const exchanged = await send(sandbox.connectors.harvest.tokenUrl!, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT },
      body: JSON.stringify(params),
    });
    expect(exchanged.status).toBe(200);
    expect((await call("GET", "/company", undefined, headersFor(exchanged.body.access_token))).status).toBe(200);
    expect((await tokenRequest(params)).body.error).toBe("invalid_grant");
  });

  it("lists the accounts a token reaches", async () => {
    const accounts = await send(`${sandbox.connectors.harvest.hosts.id}/accounts`, { headers: { Authorization: `Bearer ${PAT}`, "User-Agent": USER_AGENT } });
    expect(accounts.status).toBe(200);
    expect(accounts.body).toMatchObject({ user: { first_name: "Alex" }, accounts: [{ id: Number(ACCOUNT_ID), product: "harvest" }] });
    expect((await send(`${sandbox.connectors.harvest.hosts.id}/accounts`)).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After over the window, reports counted apart", async () => {
    const limited = await startSandbox({ harvest: { rateLimit: { requests: 3, perSeconds: 1 }, reportsRateLimit: { requests: 1, perSeconds: 60 } } });
    try {
      const url = limited.connectors.harvest.baseUrl;
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await send(`${url}/company`, { headers: headersFor() })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const over = await send(`${url}/company`, { headers: headersFor() });
      expect(over.headers.get("retry-after")).toBe("1");
      expect(over.body).toMatchObject({ status: 429, error: "Too Many Requests" });
      const report = `${url}/reports/project_budget`;
      expect((await send(report, { headers: headersFor() })).status).toBe(200);
      const reportOver = await send(report, { headers: headersFor() });
      expect(reportOver.status).toBe(429);
      expect(Number(reportOver.headers.get("retry-after"))).toBeGreaterThan(50);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await send(`${url}/company`, { headers: headersFor() })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("seeded state", () => {
  it("reset() brings back the seeded data, tokens and stats", async () => {
    const { body: created } = await call("POST", "/clients", { name: "Temporary" });
    const rotate = () => tokenRequest({ grant_type: "refresh_token", refresh_token: INITIAL_REFRESH_TOKEN, ...CLIENT });
    expect((await rotate()).status).toBe(200);
    sandbox.harvest.reset();
    expect(sandbox.harvest.stats).toMatchObject({ requests: 0, tokenRequests: 0, requestLog: [] });
    expect((await get(`/clients/${created.id}`)).status).toBe(404);
    expect((await rotate()).status).toBe(200);
  });

  it("is deterministic: the same seed gives the same records", async () => {
    const twin = await startSandbox({ harvest: { rateLimit: false } });
    const other = await startSandbox({ harvest: { rateLimit: false, seed: 7 } });
    try {
      const page = async (server: SandboxServer) =>
        (await send(`${server.connectors.harvest.baseUrl}/time_entries?is_running=false&per_page=100`, { headers: headersFor() })).body.time_entries;
      expect(await page(twin)).toEqual(await page(sandbox));
      expect(await page(other)).not.toEqual(await page(sandbox));
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});
