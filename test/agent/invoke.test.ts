/** invoke: results as text the model can use, and every kind of failure as text saying what to do next. */
import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { connect } from "../../src/index.js";
import { useHarvestSandbox } from "./sandbox.js";

const { harvest, sent } = useHarvestSandbox();

describe("results", () => {
  it("are JSON of data and meta", async () => {
    const text = await harvest().tool().invoke({ entity: "users", action: "me" });
    const { data, meta } = JSON.parse(text);
    expect(data.first_name).toBe("Alex");
    expect(meta).toMatchObject({ connector: "harvest", entity: "users", action: "me", status: 200 });
  });

  it("walk pages with all or limit, and keep only the fields asked for", async () => {
    const text = await harvest().tool().invoke({
      entity: "time_entries",
      action: "list",
      params: { from: "2026-03-01", to: "2026-05-31", per_page: 100 },
      limit: 150,
      fields: ["id", "project.name"],
    });
    const { data, meta } = JSON.parse(text);
    expect(data).toHaveLength(150);
    expect(Object.keys(data[0])).toEqual(["id", "project.name"]);
    expect(meta).toMatchObject({ pages: 2, has_more: true });
  });

  it("name fields the records do not have, with the ones they do, instead of leaving them silently empty", async () => {
    const text = await harvest().tool().invoke({ entity: "clients", action: "list", limit: 2, fields: ["id", "nmae", "adress.city"] });
    const { data, meta, note } = JSON.parse(text);
    expect(data[0]).toMatchObject({ id: expect.any(Number) });
    expect(note).toMatch(/^These records have no "nmae", "adress\.city" \(left empty\)\. Their fields: id, name, is_active, /);
    expect(meta).not.toHaveProperty("unknown_fields");
    expect(JSON.parse(await harvest().tool().invoke({ entity: "clients", action: "list", limit: 2, fields: ["id", "name"] }))).not.toHaveProperty("note");
  });

  it("take limit and fields from inside params too, as models often put them there", async () => {
    const text = await harvest().tool().invoke({ entity: "clients", action: "list", params: { limit: 2, fields: "id,name" } });
    const { data } = JSON.parse(text);
    expect(data).toEqual([expect.objectContaining({ id: expect.any(Number), name: expect.any(String) }), expect.anything()]);
    expect(Object.keys(data[0])).toEqual(["id", "name"]);
  });

  it("come from run() with whether they report a failure, and a host's progress callback per page", async () => {
    const pages: number[] = [];
    const ok = await harvest().tool().run({ entity: "clients", action: "list", params: { per_page: 2 }, all: true }, { onPage: (p) => pages.push(p.pages) });
    expect(ok.isError).toBe(false);
    expect(pages).toEqual([1, 2, 3]);
    const wrong = await harvest().tool().run({ entity: "clients", action: "explode" });
    expect(wrong).toMatchObject({ isError: true, text: expect.stringMatching(/^Error/) });
  });

  it("accept the arguments as JSON text", async () => {
    const text = await harvest().tool().invoke('{"entity":"company","action":"get"}');
    expect(JSON.parse(text).data).toHaveProperty("wants_timestamp_timers");
  });

  it("are cut to size with whole records and a note saying how to get the rest", async () => {
    const tool = harvest().tool({ maxResultChars: 3_000 });
    const text = await tool.invoke({ entity: "time_entries", action: "list", params: { per_page: 100 } });
    expect(text.length).toBeLessThanOrEqual(3_000);
    const { data, meta, note } = JSON.parse(text);
    expect(data.length).toBeGreaterThan(0);
    expect(data.length).toBeLessThan(100);
    expect(meta.has_more).toBe(true);
    expect(note).toMatch(new RegExp(`^Returned ${data.length} of the 100 records fetched, to stay under 3000 characters; ${3105 - data.length} of 3105 matching records remain\\. To go on exactly after the last one, call again with \\{"cursor": meta\\.cursor\\}.*"fields"`));
    expect(meta).not.toHaveProperty("next");
    // The cursor picks up at the first record left out.
    const next = JSON.parse(await tool.invoke({ entity: "time_entries", action: "list", cursor: meta.cursor, fields: ["id"] }));
    const all = (await harvest().execute("time_entries", "list", { per_page: 100 }, { limit: data.length + 1, fields: ["id"] })).data as { id: number }[];
    expect(next.data[0].id).toBe(all[data.length]!.id);
  });

  it("hand out a list record longer than the cap alone with its largest fields left out, and go on after it", async () => {
    const first = JSON.stringify(((await harvest().execute("invoices", "list", {}, { limit: 1 })).data as unknown[])[0]);
    // A cap the first invoice cannot fit in whole, with room for the rest of it.
    const cap = first.length - 200;
    const tool = harvest().tool({ maxResultChars: cap });
    const text = await tool.invoke({ entity: "invoices", action: "list", params: {} });
    expect(text.length).toBeLessThanOrEqual(cap);
    const { data, meta, note } = JSON.parse(text);
    expect(data).toHaveLength(1);
    expect(data[0].line_items).toMatch(/^\[left out: \d+ characters\]$/);
    expect(note).toMatch(/The record alone is longer than that: line_items.* left out \(ask for .* with "fields"\)/);
    const next = JSON.parse(await tool.invoke({ entity: "invoices", action: "list", cursor: meta.cursor }));
    expect(next.data[0].id).not.toBe(data[0].id);
  });

  it("cut a single record's text when it alone is too long", async () => {
    const text = await harvest().tool({ maxResultChars: 200 }).invoke({ entity: "company", action: "get" });
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toMatch(/\n\[Cut at 200 characters\. To get the rest, keep only the fields you need \("fields"\)\.\]$/);
  });
});

describe("wrong calls come back as text that lists what is valid, and nothing is sent", () => {
  const invoke = (args: unknown) => harvest().tool().invoke(args);

  it("an unknown entity lists the entities", async () => {
    const text = await invoke({ entity: "timesheets", action: "list" });
    expect(text).toMatch(/^Error E_VALIDATION: unknown entity "timesheets" for harvest; entities: time_entries, projects, .*, accounts\nNext: /);
  });

  it("an unknown action lists the entity's actions", async () => {
    const text = await invoke({ entity: "time_entries", action: "start" });
    expect(text).toContain('unknown action "start" for harvest time_entries; time_entries actions: list, get, create, update, delete, delete_external_reference, restart, stop');
  });

  it("bad params name each field and why, then the action's params with their types", async () => {
    const text = await invoke({ entity: "time_entries", action: "create", params: { project_id: "abc", spent_date: "2026-02-30", colour: "red" } });
    expect(text).toContain("Error E_VALIDATION: invalid params for harvest time_entries.create; nothing was sent");
    expect(text).toContain("  - task_id: is required");
    expect(text).toContain('  - project_id: must be integer (got "abc")');
    expect(text).toContain('  - spent_date: must be a real calendar date as YYYY-MM-DD (got "2026-02-30")');
    expect(text).toMatch(/ {2}- colour: unknown param; valid: user_id, project_id, task_id, spent_date, /);
    expect(text).toMatch(/\nNext: fix the params and call again \(nothing was sent\)\. time_entries\.create params \(\* required\): user_id: integer, project_id\*: integer, task_id\*: integer, spent_date\*: string \(date\), /);
  });

  it("a malformed tool input says which part is wrong", async () => {
    expect(await invoke({ entity: "users", action: "me", from: "2026-06-01" })).toMatch(/from: unknown key: the action's params go inside "params"/);
    expect(await invoke({ action: "list" })).toMatch(/entity: is required/);
    expect(await invoke({ entity: "clients", action: "list", limit: 0 })).toMatch(/limit: must be a positive whole number \(got 0\)/);
    expect(await invoke("not json")).toMatch(/^Error E_VALIDATION: the tool input is not valid JSON; nothing was sent/);
    expect(await invoke({ entity: "clients", action: "list", params: [1] })).toMatch(/params must be a JSON object/);
  });

  it("sends nothing for any of them", async () => {
    await invoke({ entity: "timesheets", action: "list" });
    await invoke({ entity: "time_entries", action: "create", params: {} });
    expect(sent()).toEqual([]);
  });
});

describe("API errors say what to try next", () => {
  it("E_NOT_FOUND: resolve ids with a list action", async () => {
    const text = await harvest().tool().invoke({ entity: "projects", action: "get", params: { id: 1 } });
    expect(text).toMatch(/^Error E_NOT_FOUND: .*\nNext: check the ids you sent: resolve them with projects\.list, then call again with an id from its results\.$/);
  });

  it("E_AUTH: the credentials and where they are set; retrying will not help", async () => {
    const text = await harvest({ credentials: { token: "wrong-token", account_id: "1234567" } }).tool().invoke({ entity: "users", action: "me" });
    expect(text).toMatch(/^Error E_AUTH: .*\nNext: retrying will not help: ask the user to provide valid credentials \(environment variables: HARVEST_ACCESS_TOKEN\)\.$/);
    expect(text).not.toContain("wrong-token");
  });

  it("E_RATE_LIMIT: how long to wait", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get("https://api.harvestapp.com").intercept({ path: "/v2/company", method: "GET" }).reply(429, { message: "Too many requests" }, { headers: { "retry-after": "900" } });
    const text = await connect("harvest", { dispatcher: agent, credentials: { token: "t", account_id: "1" } }).tool().invoke({ entity: "company", action: "get" });
    expect(text).toMatch(/^Error E_RATE_LIMIT: .*\nNext: wait 900 seconds before calling again/);
  });

  it("E_UPSTREAM: a refused call is corrected, a failing API is retried later", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get("https://api.harvestapp.com").intercept({ path: "/v2/tasks", method: "POST" }).reply(422, { message: "Name has already been taken" });
    const text = await connect("harvest", { dispatcher: agent, credentials: { token: "t", account_id: "1" } }).tool().invoke({ entity: "tasks", action: "create", params: { name: "Design" } });
    expect(text).toMatch(/^Error E_UPSTREAM: .*Name has already been taken.*\nNext: the API refused the call as sent: correct it following the API's message and call again\.$/);
  });

  it("E_CREDITS: the estimate against the budget, refused before sending", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const tool = connect("harvestapi", { dispatcher: agent, credentials: { api_key: "k" } }).tool({ budget: 0.05 });
    const text = await tool.invoke({ entity: "profiles", action: "lead_search", params: { currentJobTitles: ["CTO"] }, limit: 100 });
    expect(text).toMatch(/^Error E_CREDITS: harvestapi profiles\.lead_search would cost about \$0\.4 .*nothing was sent\nNext: \(estimated cost 0\.4, budget 0\.05\) make the call cheaper/);
  });
});
