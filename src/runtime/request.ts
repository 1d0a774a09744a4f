/** Builds the wire request for a validated call: path, query, body and headers, as the plan places each param. */
import type { HttpRequest } from "./http.js";
import type { ActionPlan, WireParam } from "./plan.js";
import type { RenderedAuth } from "./auth.js";

export function buildRequest(
  plan: ActionPlan,
  params: Record<string, unknown>,
  baseUrl: string,
  defaultHeaders: Record<string, string>,
  auth: RenderedAuth,
): HttpRequest {
  let path = plan.spec.path;
  for (const p of plan.path) path = path.replace(`{${p.name}}`, encodeURIComponent(String(params[p.name])));
  const query = queryString(plan.query, params, auth.query);
  const body = bodyOf(plan.body, params);
  const headers = headersFor(plan, params, defaultHeaders, auth, body === undefined ? undefined : JSON_BODY);
  const request: HttpRequest = { method: plan.spec.method, url: baseUrl + path + (query ? `?${query}` : ""), headers };
  if (body !== undefined) request.body = JSON.stringify(body);
  return request;
}

const JSON_BODY = { "content-type": "application/json" };

// Default and credential headers merged once per rendered credential: most calls send exactly these.
const mergedHeaders = new WeakMap<RenderedAuth, { defaults: Record<string, string>; headers: Record<string, string> }>();

function baseHeaders(defaults: Record<string, string>, auth: RenderedAuth): Record<string, string> {
  let merged = mergedHeaders.get(auth);
  if (merged?.defaults !== defaults) mergedHeaders.set(auth, (merged = { defaults, headers: { ...defaults, ...auth.headers } }));
  return merged.headers;
}

/** Default headers, then the credentials', then `extra`, then the call's header params. The result is shared: never change it. */
export function headersFor(
  plan: ActionPlan,
  params: Record<string, unknown>,
  defaults: Record<string, string>,
  auth: RenderedAuth,
  extra?: Record<string, string>,
): Record<string, string> {
  const base = baseHeaders(defaults, auth);
  if (plan.header.length === 0 && !extra) return base;
  const headers: Record<string, string> = { ...base, ...extra };
  for (const p of plan.header) if (isSent(p, params[p.name])) headers[p.wire] = String(params[p.name]);
  return headers;
}

/** A value given, and (for a switch sent only when on) the value that turns it on. */
function isSent(param: WireParam, value: unknown): boolean {
  return value !== undefined && (param.sendWhen === undefined || value === param.sendWhen);
}

/** The JSON body; a null value is sent as null (Harvest clears the field). */
function bodyOf(params: WireParam[], values: Record<string, unknown>): Record<string, unknown> | undefined {
  let body: Record<string, unknown> | undefined;
  for (const p of params) if (isSent(p, values[p.name])) (body ??= {})[p.wire] = values[p.name];
  return body;
}

export function queryString(params: WireParam[], values: Record<string, unknown>, extra: Record<string, string> = {}): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown) => parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(scalar(value))}`);
  for (const p of params) {
    const value = values[p.name];
    if (!isSent(p, value)) continue;
    if (!Array.isArray(value)) add(p.wire, value);
    else if (p.style === "comma") add(p.wire, value.map(scalar).join(","));
    else for (const item of value) add(p.style === "brackets" ? `${p.wire}[]` : p.wire, item);
  }
  for (const [key, value] of Object.entries(extra)) add(key, value);
  return parts.join("&");
}

function scalar(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}
