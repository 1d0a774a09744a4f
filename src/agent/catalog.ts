/** The actions one tool offers: the connector's description narrowed to the connection's scope, with each action's cost. */
import type { ActionCost, Manifest } from "../manifest/types.js";
import type { AnyConnector } from "../runtime/connector.js";
import type { ActionDescription } from "../runtime/describe.js";

export interface CatalogAction extends ActionDescription {
  cost?: ActionCost;
  /** The action's own params first, then those from shared groups (paging, filters): the order worth showing. */
  keyOrder: string[];
  /** Params that only select a page; a cursor fills them in. */
  pagingParams: string[];
  /** It answers with a list of records (all, limit and cursor apply), not one record. */
  list: boolean;
  /** The record schema (under the manifest's `schemas`) of what it returns, when declared. */
  record?: string;
}

export interface CatalogEntity {
  description: string;
  actions: Record<string, CatalogAction>;
}

export interface Catalog {
  manifest: Manifest;
  entities: Record<string, CatalogEntity>;
  /** Some actions of the manifest are left out (the connection is scoped). */
  scoped: boolean;
  effects: ToolEffects;
}

/** What the actions a tool offers can do, for hosts that label tools (MCP annotations). */
export interface ToolEffects {
  /** How many actions the tool offers. */
  actions: number;
  /** Every one only reads. */
  readOnly: boolean;
  /** Some can delete or overwrite. */
  destructive: boolean;
}

export function buildCatalog(connector: AnyConnector): Catalog {
  const { manifest } = connector;
  const entities: Catalog["entities"] = {};
  const effects: ToolEffects = { actions: 0, readOnly: true, destructive: false };
  let total = 0;
  for (const [entity, e] of Object.entries(connector.describe().entities)) {
    const actions: Record<string, CatalogAction> = {};
    for (const [action, a] of Object.entries(e.actions)) {
      total++;
      if (!connector.allows(entity, action)) continue;
      effects.actions++;
      effects.readOnly &&= a.annotations.read_only;
      effects.destructive ||= a.annotations.destructive;
      actions[action] = catalogAction(manifest, entity, action, a);
    }
    if (Object.keys(actions).length) entities[entity] = { description: e.description, actions };
  }
  return { manifest, entities, scoped: effects.actions < total, effects };
}

function catalogAction(manifest: Manifest, entity: string, action: string, described: ActionDescription): CatalogAction {
  const spec = manifest.entities[entity]!.actions[action]!;
  const own = Object.keys(spec.params ?? {});
  const all = Object.keys(described.params.properties ?? {});
  const strategy = spec.pagination ? manifest.pagination?.[spec.pagination] : undefined;
  const paging = strategy?.type === "page_number" ? [strategy.param, strategy.token_param] : strategy?.type === "cursor" || strategy?.type === "offset" ? [strategy.param] : [];
  return {
    ...described,
    ...(spec.cost ? { cost: spec.cost } : {}),
    keyOrder: [...own, ...all.filter((name) => !own.includes(name))],
    pagingParams: paging.filter((p): p is string => !!p),
    list: !!spec.records,
    ...(spec.returns ? { record: spec.returns } : {}),
  };
}
