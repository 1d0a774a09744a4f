/** A connector's machine-readable description: what each action does and the JSON Schema of its params. */
import { actionAnnotations } from "../manifest/annotations.js";
import { paramsSchema, resolveParams } from "../manifest/resolve.js";
import type { ActionAnnotations, ActionExample, Manifest, SchemaNode } from "../manifest/types.js";

export interface ActionDescription {
  description: string;
  notes?: string;
  method: string;
  path: string;
  params: SchemaNode;
  paginated: boolean;
  annotations: Required<ActionAnnotations>;
  example: ActionExample;
}

export interface ConnectorDescription {
  name: string;
  title: string;
  description: string;
  docs_url?: string;
  guidance: string[];
  credentials: Record<string, { description?: string; fields: Record<string, { secret: boolean; optional: boolean; env?: string; description?: string }> }>;
  entities: Record<string, { description: string; actions: Record<string, ActionDescription> }>;
}

export function describeConnector(manifest: Manifest): ConnectorDescription {
  const entities: ConnectorDescription["entities"] = {};
  for (const [entityName, entity] of Object.entries(manifest.entities)) {
    const actions: Record<string, ActionDescription> = {};
    for (const [actionName, action] of Object.entries(entity.actions)) {
      actions[actionName] = {
        description: action.description,
        ...(action.notes ? { notes: action.notes } : {}),
        method: action.method,
        path: action.path,
        params: paramsSchema(resolveParams(manifest, action)),
        paginated: !!action.pagination && action.pagination !== "none",
        annotations: actionAnnotations(action),
        example: action.example,
      };
    }
    entities[entityName] = { description: entity.description, actions };
  }
  const credentials: ConnectorDescription["credentials"] = {};
  for (const [name, variant] of Object.entries(manifest.auth)) {
    const fields: ConnectorDescription["credentials"][string]["fields"] = {};
    for (const [field, spec] of Object.entries(variant.fields))
      fields[field] = { secret: !!spec.secret, optional: !!spec.optional, env: spec.env, description: spec.description };
    credentials[name] = { description: variant.description, fields };
  }
  return {
    name: manifest.name,
    title: manifest.title,
    description: manifest.description,
    docs_url: manifest.docs_url,
    guidance: manifest.guidance ?? [],
    credentials,
    entities,
  };
}
