/** `docs("time_entries.list")` / `docs("time_entries")` inside a script: what an action does and its params, within scope. */
import { ValidationError } from "../../errors.js";
import type { Manifest } from "../../manifest/types.js";
import type { AnyConnector } from "../connector.js";
import type { ActionDescription, ConnectorDescription } from "../describe.js";
import { recordFields } from "../record-fields.js";

const descriptions = new WeakMap<Manifest, ConnectorDescription>();

/** The docs a path names: "entity" or "entity.action", led by "connector." when the script has several. */
export function scriptDocs(connectors: ReadonlyMap<string, AnyConnector>, connectorName: string | undefined, path: unknown): unknown {
  if (typeof path !== "string" || !path) throw new ValidationError('docs() takes "entity" or "entity.action", e.g. docs("time_entries.list")');
  let parts = path.split(".");
  let name = connectorName;
  if (name === undefined) {
    if (connectors.has(parts[0]!) && parts.length > 1) [name, ...parts] = parts;
    else if (connectors.size === 1) name = [...connectors.keys()][0];
    else throw new ValidationError(`docs() needs the connector first when a script has several: "${[...connectors.keys()][0]}.${path}"; connectors: ${[...connectors.keys()].join(", ")}`);
  }
  const connector = connectors.get(name!)!;
  const [entity, action, ...rest] = parts;
  if (rest.length) throw new ValidationError(`docs() takes "entity" or "entity.action" (got "${path}")`);
  return action === undefined ? entityDocs(connector, entity!) : actionDocs(connector, entity!, action);
}

function entityDocs(connector: AnyConnector, entity: string): unknown {
  const described = describe(connector).entities;
  // An unknown entity, or one with no action in scope, is refused as a call to it would be, listing what there is.
  if (!Object.hasOwn(described, entity)) connector.plan(entity, "");
  const all = Object.keys(described[entity]!.actions);
  const actions = all.filter((a) => connector.allows(entity, a));
  if (!actions.length) connector.plan(entity, all[0]!);
  return { connector: connector.name, entity, description: described[entity]!.description, actions: Object.fromEntries(actions.map((a) => [a, docsOf(connector, entity, a)])) };
}

function actionDocs(connector: AnyConnector, entity: string, action: string): unknown {
  // Refuses an unknown or out-of-scope action as a call would, listing what there is.
  connector.plan(entity, action);
  return { connector: connector.name, entity, action, ...docsOf(connector, entity, action) };
}

function docsOf(connector: AnyConnector, entity: string, action: string): Record<string, unknown> {
  const a: ActionDescription = describe(connector).entities[entity]!.actions[action]!;
  const spec = connector.manifest.entities[entity]!.actions[action]!;
  const cost = spec.cost;
  return {
    description: a.description,
    ...(a.notes ? { notes: a.notes } : {}),
    params: a.params,
    list: !!spec.records,
    // What each record holds, as dotted paths ("client.name"): what a script reads.
    ...(spec.returns ? { record: spec.returns, fields: recordFields(connector.manifest, spec.returns).paths } : {}),
    read_only: a.annotations.read_only,
    ...(cost ? { cost: { ...cost, currency: connector.manifest.costs?.currency ?? "USD" } } : {}),
    example: a.example.params,
  };
}

function describe(connector: AnyConnector): ConnectorDescription {
  let description = descriptions.get(connector.manifest);
  if (!description) descriptions.set(connector.manifest, (description = connector.describe()));
  return description;
}
