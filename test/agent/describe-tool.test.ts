/** <connector>_describe: an entity's or one action's full params schema on demand, within the same scope. */
import { describe, expect, it } from "vitest";
import { connect } from "../../src/index.js";

describe("the describe tool", () => {
  const tool = connect("harvest").describeTool();

  it("is named <connector>_describe and offers every entity", () => {
    expect(tool.name).toBe("harvest_describe");
    expect(tool.description).toMatch(/for harvest_execute/);
    expect((tool.inputSchema.properties as { entity: { enum: string[] } }).entity.enum).toContain("time_entries");
    expect(tool.toAnthropicTool()).toEqual({ name: "harvest_describe", description: tool.description, input_schema: tool.inputSchema });
  });

  it("gives one action's full params schema, notes and example", async () => {
    const { entity, actions } = JSON.parse(await tool.invoke({ entity: "time_entries", action: "create" }));
    expect(entity).toBe("time_entries");
    expect(Object.keys(actions)).toEqual(["create"]);
    expect(actions.create.params).toMatchObject({
      type: "object",
      required: ["project_id", "task_id", "spent_date"],
      additionalProperties: false,
      properties: { spent_date: { type: "string", format: "date" }, external_reference: { type: "object" } },
    });
    expect(actions.create.notes).toMatch(/wants_timestamp_timers/);
    expect(actions.create.example).toMatchObject({ project_id: 14307905 });
  });

  it("gives every action of an entity when no action is named", async () => {
    const { actions } = JSON.parse(await tool.invoke({ entity: "time_entries" }));
    expect(Object.keys(actions)).toEqual(["list", "get", "create", "update", "delete", "delete_external_reference", "restart", "stop"]);
  });

  it("shows costs where the manifest declares them", async () => {
    const { actions } = JSON.parse(await connect("harvestapi").describeTool().invoke({ entity: "profiles", action: "get" }));
    expect(actions.get.cost).toMatchObject({ amount: 0.0064, when: [{ param: "findEmail", equals: true, amount: 0.02 }, expect.anything()] });
  });

  it("keeps to its scope and lists what is valid", async () => {
    const scoped = connect("harvest").describeTool({ allow: ["projects.list"] });
    expect(await scoped.invoke({ entity: "clients" })).toMatch(/^Error E_SCOPE: harvest clients is out of scope for this tool; entities: projects\n/);
    expect(await scoped.invoke({ entity: "projects", action: "delete" })).toMatch(/^Error E_SCOPE: harvest projects\.delete is out of scope for this tool; projects actions: list\n/);
  });
});
