/**
 * An action compiled once for execution: its params by location, its validator, its pagination and limits.
 * Everything here is computed the first time the action is used, never per call.
 */
import type { ValidateFunction } from "ajv";
import { createAjv } from "../manifest/ajv.js";
import { paramsSchema, resolveParams, type ResolvedParam } from "../manifest/resolve.js";
import { actionAnnotations } from "../manifest/annotations.js";
import type { Action, Manifest, PagingStrategy, ParamSpec, SchemaNode } from "../manifest/types.js";

export interface WireParam {
  name: string;
  wire: string;
  style: NonNullable<ParamSpec["style"]>;
  /** Sent only with this value (a switch the API turns on by its presence). */
  sendWhen?: unknown;
}

export interface ActionPlan {
  entity: string;
  action: string;
  spec: Action;
  params: Record<string, ResolvedParam>;
  schema: SchemaNode;
  validate: ValidateFunction;
  path: WireParam[];
  query: WireParam[];
  body: WireParam[];
  header: WireParam[];
  pagination?: PagingStrategy;
  rateGroup: string;
  /** Safe to send again after a failure that may have reached the server. */
  idempotent: boolean;
  readOnly: boolean;
}

const paramsAjv = createAjv();

export function compilePlan(manifest: Manifest, entity: string, action: string, spec: Action): ActionPlan {
  const params = resolveParams(manifest, spec);
  const schema = paramsSchema(params);
  const byLocation = (where: ResolvedParam["in"]) =>
    Object.entries(params)
      .filter(([, p]) => p.in === where)
      .map(([name, p]) => ({ name, wire: p.wire_name ?? name, style: p.style ?? "comma", ...(p.send_when === undefined ? {} : { sendWhen: p.send_when }) }));
  const { read_only: readOnly, idempotent } = actionAnnotations(spec);
  const strategy = spec.pagination ? manifest.pagination?.[spec.pagination] : undefined;
  return {
    entity,
    action,
    spec,
    params,
    schema,
    validate: paramsAjv.compile(schema),
    path: byLocation("path"),
    query: byLocation("query"),
    body: byLocation("body"),
    header: byLocation("header"),
    pagination: strategy?.type === "none" ? undefined : strategy,
    rateGroup: spec.rate_limit ?? "default",
    idempotent,
    readOnly,
  };
}

// Plans are shared by every connection to the same manifest: compiled once per process. Looked up by entity, then
// action (two lookups of the caller's own strings cost less than building one key from them on every call).
const plans = new WeakMap<Manifest, Map<string, Map<string, ActionPlan>>>();

export function planFor(manifest: Manifest, entity: string, action: string, spec: Action): ActionPlan {
  let byEntity = plans.get(manifest);
  if (!byEntity) plans.set(manifest, (byEntity = new Map()));
  let byAction = byEntity.get(entity);
  if (!byAction) byEntity.set(entity, (byAction = new Map()));
  let plan = byAction.get(action);
  if (!plan) byAction.set(action, (plan = compilePlan(manifest, entity, action, spec)));
  return plan;
}
