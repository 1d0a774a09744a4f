/** The actions one tool offers: the connector's description narrowed to the tool's scope, with each action's cost. */
import { ValidationError } from "../errors.js";
import type { ActionCost, Manifest } from "../manifest/types.js";
import { describeConnector, type ActionDescription } from "../runtime/describe.js";
import { checkScope, inScope, type Scope } from "./scope.js";

export interface CatalogAction extends ActionDescription {
  cost?: ActionCost;
  /** The action's own params first, then those from shared groups (paging, filters): the order worth showing. */
  keyOrder: string[];
  /** Params that only select a page; meta.next fills them in. */
  pagingParams: string[];
}

export interface CatalogEntity {
  description: string;
  actions: Record<string, CatalogAction>;
}

export interface Catalog {
  manifest: Manifest;
  entities: Record<string, CatalogEntity>;
}

export function buildCatalog(manifest: Manifest, scope: Scope = {}): Catalog {
  checkScope(manifest, scope);
  const described = describeConnector(manifest);
  const entities: Catalog["entities"] = {};
  for (const [entity, e] of Object.entries(described.entities)) {
    const actions: Record<string, CatalogAction> = {};
    for (const [action, a] of Object.entries(e.actions)) {
      if (!inScope(scope, entity, action, a.annotations.read_only)) continue;
      const spec = manifest.entities[entity]!.actions[action]!;
      const own = Object.keys(spec.params ?? {});
      const all = Object.keys(a.params.properties ?? {});
      const strategy = spec.pagination ? manifest.pagination?.[spec.pagination] : undefined;
      actions[action] = {
        ...a,
        ...(spec.cost ? { cost: spec.cost } : {}),
        keyOrder: [...own, ...all.filter((name) => !own.includes(name))],
        pagingParams: [strategy?.param, strategy?.token_param].filter((p): p is string => !!p),
      };
    }
    if (Object.keys(actions).length) entities[entity] = { description: e.description, actions };
  }
  return { manifest, entities };
}

/** An entity the tool offers, or a ValidationError listing those it does (and saying so when the name exists but is out of scope). */
export function offeredEntity(catalog: Catalog, entity: string): CatalogEntity {
  if (Object.hasOwn(catalog.entities, entity)) return catalog.entities[entity]!;
  const why = Object.hasOwn(catalog.manifest.entities, entity) ? `entity "${entity}" is not available to this tool` : `unknown entity "${entity}" for ${catalog.manifest.name}`;
  throw new ValidationError(`${why}; entities: ${Object.keys(catalog.entities).join(", ")}`);
}

/** An action the tool offers, or a ValidationError listing the entity's offered actions. */
export function offeredAction(catalog: Catalog, entity: string, action: string): CatalogAction {
  const offered = offeredEntity(catalog, entity);
  if (Object.hasOwn(offered.actions, action)) return offered.actions[action]!;
  const exists = Object.hasOwn(catalog.manifest.entities[entity]!.actions, action);
  const why = exists ? `${entity}.${action} is not allowed for this tool` : `unknown action "${action}" for ${catalog.manifest.name} ${entity}`;
  throw new ValidationError(`${why}; ${entity} actions: ${Object.keys(offered.actions).join(", ")}`);
}
