/** Scoped tools: the description lists only the allowed actions, and invoke refuses the rest before sending. */
import { describe, expect, it } from "vitest";
import { connect, ValidationError } from "../../src/index.js";
import { scopeMatches } from "../../src/runtime/scope.js";
import { useHarvestSandbox } from "./sandbox.js";

const { harvest, sent } = useHarvestSandbox();

describe("scopeMatches", () => {
  it("matches entity.action, entity.*, *.action and *", () => {
    expect(scopeMatches("projects.list", "projects", "list")).toBe(true);
    expect(scopeMatches("projects.list", "projects", "get")).toBe(false);
    expect(scopeMatches("time_entries.*", "time_entries", "stop")).toBe(true);
    expect(scopeMatches("time_entries.*", "time_entry", "stop")).toBe(false);
    expect(scopeMatches("*.list", "clients", "list")).toBe(true);
    expect(scopeMatches("*", "clients", "delete")).toBe(true);
  });
});

describe("a tool narrowed with allow", () => {
  const tool = () => harvest().tool({ allow: ["time_entries.*", "projects.list"] });

  it("describes only the allowed actions, and says it is limited", () => {
    const { description, inputSchema } = tool();
    expect(description).toContain("This tool is limited to the actions listed below.");
    expect(description).toMatch(/^time_entries: /m);
    expect(description).toMatch(/^projects: .*\n  list\([^)]*\)$/m);
    expect(description).not.toMatch(/^clients: /m);
    expect(description).not.toMatch(/projects: .*\n.*create\(/);
    expect((inputSchema.properties as { entity: { enum: string[] } }).entity.enum).toEqual(["time_entries", "projects"]);
  });

  it("runs an allowed action", async () => {
    const text = await tool().invoke({ entity: "projects", action: "list", params: { is_active: true } });
    expect(JSON.parse(text).data.length).toBeGreaterThan(0);
    expect(sent()).toEqual(["GET /projects"]);
  });

  it("refuses actions outside its scope before sending anything", async () => {
    const text = await tool().invoke({ entity: "projects", action: "delete", params: { id: 14307905 } });
    expect(text).toMatch(/^Error E_SCOPE: harvest projects\.delete is out of scope \(it is not among this connection's allowed actions\); nothing was sent; projects actions in scope: list\nNext: this tool may run only the actions its description lists/);
    const other = await tool().invoke({ entity: "clients", action: "list" });
    expect(other).toMatch(/^Error E_SCOPE: harvest clients\.list is out of scope \(.*\); nothing was sent; entities in scope: time_entries, projects\n/);
    expect(sent()).toEqual([]);
  });
});

describe("a read-only tool", () => {
  const tool = () => harvest().tool({ readOnly: true });

  it("lists only read-only actions", () => {
    const { description } = tool();
    expect(description).toMatch(/^time_entries: .*\n  list\([^)]*\) get\(id\*\)$/m);
    expect(description).not.toMatch(/\bcreate\(|\bdelete\(|\bupdate\(/);
    expect(description).toMatch(/ me\(\)/);
  });

  it("refuses a write before sending it", async () => {
    const text = await tool().invoke({ entity: "time_entries", action: "create", params: { project_id: 1, task_id: 2, spent_date: "2026-06-15", hours: 1 } });
    expect(text).toMatch(/^Error E_SCOPE: harvest time_entries\.create is out of scope \(this connection is read-only\); nothing was sent; time_entries actions in scope: list, get\n/);
    expect(sent()).toEqual([]);
  });

  it("combines with allow", () => {
    const { description } = harvest().tool({ allow: ["time_entries.*"], readOnly: true });
    expect(description).toMatch(/^time_entries: .*\n  list\([^)]*\) get\(id\*\)$/m);
    expect(description.match(/^\w+: /gm)).toHaveLength(1);
  });
});

describe("scope patterns", () => {
  it("are checked against the manifest, so a typo is an error rather than an empty tool", () => {
    const attempt = () => connect("harvest").tool({ allow: ["time_entry.*", "projects.lst", "projects/list"] });
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/"time_entry\.\*" matches no harvest action[\s\S]*"projects\.lst" matches no harvest action[\s\S]*"projects\/list" is not entity\.action/);
  });
});
