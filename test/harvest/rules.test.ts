/** Harvest's rules the sandbox keeps: archived work stays as it is, locked time is the administrators', timestamp timers, page sizes. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, UpstreamError } from "../../src/errors.js";
import { connect, type ConnectOptions } from "../../src/index.js";
import { SANDBOX_MEMBER_CREDENTIALS } from "../../src/sandbox/harvest/credentials.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

/** The sandbox's clock stands still at the end of the seeded half year, so timer hours are exact. */
const NOW = new Date("2026-06-30T16:00:00Z");
let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandbox({ harvest: { rateLimit: false, now: () => NOW } });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.harvest.reset());

function harvest(options: ConnectOptions = {}) {
  const info = sandbox.connectors.harvest!;
  return connect("harvest", { baseUrl: info.baseUrl, credentials: info.credentials.personal_access_token, rateLimit: false, ...options });
}
const member = () => harvest({ credentials: SANDBOX_MEMBER_CREDENTIALS });

describe("time on an archived project or task", () => {
  it("cannot be updated or deleted, even by an administrator", async () => {
    const archived = (await harvest().execute("projects", "list", { is_active: false })).data[0]!;
    const [entry] = (await harvest().execute("time_entries", "list", { project_id: archived.id, per_page: 1 })).data;
    const update = await harvest().execute("time_entries", "update", { id: entry!.id, notes: "late fix" }).catch((e) => e);
    expect(update).toBeInstanceOf(UpstreamError);
    expect(update).toMatchObject({ status: 422, upstreamMessage: `The project ${archived.name} is archived: time tracked on it can't be changed` });
    const remove = await harvest().execute("time_entries", "delete", { id: entry!.id }).catch((e) => e);
    expect(remove).toMatchObject({ status: 422, upstreamMessage: `The project ${archived.name} is archived: time tracked on it can't be deleted` });
    expect((await harvest().execute("time_entries", "get", { id: entry!.id })).data.notes).toBe(entry!.notes);
  });

  it("once its task is archived", async () => {
    const { data: entry } = await harvest().execute("time_entries", "get", { id: 636766575 });
    await harvest().execute("tasks", "update", { id: entry.task.id, is_active: false });
    const remove = await harvest().execute("time_entries", "delete", { id: entry.id }).catch((e) => e);
    expect(remove).toMatchObject({ status: 422, upstreamMessage: `The task ${entry.task.name} is archived: time tracked on it can't be deleted` });
  });
});

describe("locked (approved or invoiced) time", () => {
  it("a member's token cannot change or delete it; an administrator's can", async () => {
    const me = (await member().execute("users", "me")).data;
    expect(me.access_roles).toEqual(["member"]);
    const locked = (await member().execute("time_entries", "list", { user_id: me.id, is_billed: true }, { limit: 200 })).data.find((e) => e.is_locked);
    expect(locked).toBeDefined();
    const update = await member().execute("time_entries", "update", { id: locked!.id, hours: 9 }).catch((e) => e);
    expect(update).toBeInstanceOf(AuthError);
    expect(update).toMatchObject({ reason: "forbidden", status: 403 });
    expect(update.message).toContain(`This time entry is locked (${locked!.locked_reason}): only an administrator can change it`);
    await expect(member().execute("time_entries", "delete", { id: locked!.id })).rejects.toMatchObject({ reason: "forbidden", status: 403 });
    expect((await harvest().execute("time_entries", "update", { id: locked!.id, notes: "Corrected by an admin" })).data.notes).toBe("Corrected by an admin");
    await harvest().execute("time_entries", "delete", { id: locked!.id });
    await expect(harvest().execute("time_entries", "get", { id: locked!.id })).rejects.toMatchObject({ code: "E_NOT_FOUND" });
  });

  it("a member's unlocked time stays theirs to change, and new time is logged as them", async () => {
    const me = (await member().execute("users", "me")).data;
    const open = (await member().execute("time_entries", "list", { user_id: me.id, is_billed: false, from: "2026-06-01" }, { limit: 50 })).data.find((e) => !e.is_locked)!;
    expect((await member().execute("time_entries", "update", { id: open.id, notes: "Mine" })).data.notes).toBe("Mine");
    const [assignment] = (await member().execute("project_assignments", "mine")).data;
    const created = await member().execute("time_entries", "create", { project_id: assignment!.project.id, task_id: assignment!.task_assignments[0]!.task.id, spent_date: "2026-06-30", hours: 1 });
    expect(created.data.user).toEqual({ id: me.id, name: `${me.first_name} ${me.last_name}` });
  });
});

describe("timestamp timers", () => {
  it("report the hours between started and ended time, running and stopped", async () => {
    await harvest().execute("company", "update", { wants_timestamp_timers: true });
    const { data: entry } = await harvest().execute("time_entries", "get", { id: 636766575 });
    const started = await harvest().execute("time_entries", "create", { project_id: entry.project.id, task_id: entry.task.id, spent_date: "2026-06-30", started_time: "8:30am" });
    expect(started.data).toMatchObject({ is_running: true, started_time: "8:30am", ended_time: null, hours: 7.5 });
    const stopped = await harvest().execute("time_entries", "stop", { id: started.data.id });
    expect(stopped.data).toMatchObject({ is_running: false, started_time: "8:30am", ended_time: "4:00pm", hours: 7.5, hours_without_timer: 7.5 });
  });
});

describe("list page sizes", () => {
  it("are 100 records for invoices, as Harvest documents, and 2000 elsewhere", async () => {
    const info = sandbox.connectors.harvest!;
    const headers = { Authorization: `Bearer ${info.credentials.personal_access_token!.token}`, "Harvest-Account-Id": "1234567", "User-Agent": "rules test" };
    const perPage = async (path: string) => ((await (await fetch(`${info.baseUrl}${path}`, { headers })).json()) as { per_page: number }).per_page;
    expect(await perPage("/invoices")).toBe(100);
    expect(await perPage("/invoices?per_page=7")).toBe(7);
    expect(await perPage("/clients")).toBe(2000);
    expect(await perPage("/estimates")).toBe(2000);
  });
});
