/** Looking up what a tool offers by name: own names only, with the valid ones listed when a name is wrong. */
import { ScopeError, ValidationError } from "../errors.js";
import type { Catalog, CatalogAction, CatalogEntity } from "./catalog.js";

/** An entity the tool offers; a ValidationError listing those it does, or a ScopeError when it exists but is out of scope. */
export function offeredEntity(catalog: Catalog, entity: string): CatalogEntity {
  if (Object.hasOwn(catalog.entities, entity)) return catalog.entities[entity]!;
  const list = `entities: ${Object.keys(catalog.entities).join(", ")}`;
  if (Object.hasOwn(catalog.manifest.entities, entity)) throw new ScopeError(`${catalog.manifest.name} ${entity} is out of scope for this tool; ${list}`, { entity, action: "" });
  throw new ValidationError(`unknown entity ${JSON.stringify(entity)} for ${catalog.manifest.name}; ${list}`);
}

/** An action the tool offers, or the same errors listing the entity's offered actions. */
export function offeredAction(catalog: Catalog, entity: string, action: string): CatalogAction {
  const offered = offeredEntity(catalog, entity);
  if (Object.hasOwn(offered.actions, action)) return offered.actions[action]!;
  const list = `${entity} actions: ${Object.keys(offered.actions).join(", ")}`;
  if (Object.hasOwn(catalog.manifest.entities[entity]!.actions, action))
    throw new ScopeError(`${catalog.manifest.name} ${entity}.${action} is out of scope for this tool; ${list}`, { entity, action });
  throw new ValidationError(`unknown action ${JSON.stringify(action)} for ${catalog.manifest.name} ${entity}; ${list}`);
}
