/** `<connector>_describe`: one entity's (or action's) full params schema, for models that want more than the compact list. */
import type { AnyConnector } from "../runtime/connector.js";
import type { Scope } from "../runtime/scope.js";
import { withAdapters } from "./adapters.js";
import { buildCatalog, type Catalog } from "./catalog.js";
import { explainError } from "./explain-error.js";
import { offeredAction, offeredEntity } from "./offered.js";
import { toolArguments } from "./input.js";
import type { AgentTool } from "./types.js";

export function createDescribeTool(connector: AnyConnector, scope: Scope = {}): AgentTool {
  const catalog = buildCatalog(connector.withScope(scope));
  const entities = Object.keys(catalog.entities);
  return withAdapters({
    name: `${connector.name}_describe`,
    description:
      `Full details of ${connector.manifest.title} actions for ${connector.name}_execute: each action's description, notes, ` +
      "params as JSON Schema (types, formats, enums, required), cost and an example. Give an entity, and optionally one of its actions.",
    inputSchema: {
      type: "object",
      properties: {
        entity: { type: "string", enum: entities, description: "The entity to describe." },
        action: { type: "string", description: "Only this action of the entity." },
      },
      required: ["entity"],
      additionalProperties: false,
    },
    effects: { actions: catalog.effects.actions, readOnly: true, destructive: false },
    async run(args) {
      try {
        const { entity, action } = toolArguments(args);
        return { text: JSON.stringify(describeEntity(catalog, String(entity ?? ""), action === undefined ? undefined : String(action))), isError: false };
      } catch (error) {
        return { text: explainError(error, { catalog, entity: "", action: "" }), isError: true };
      }
    },
  });
}

function describeEntity(catalog: Catalog, entity: string, action: string | undefined): unknown {
  const found = offeredEntity(catalog, entity);
  const names = action === undefined ? Object.keys(found.actions) : [action];
  const actions = Object.fromEntries(
    names.map((name) => {
      const a = offeredAction(catalog, entity, name);
      return [name, { description: a.description, notes: a.notes, params: a.params, paginated: a.paginated, annotations: a.annotations, cost: a.cost, example: a.example.params }];
    }),
  );
  return { entity, description: found.description, actions };
}
