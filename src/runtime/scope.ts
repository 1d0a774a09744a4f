/**
 * Which actions a connection may run: `allow` patterns ("time_entries.*", "projects.list", "*.list", "*") and/or
 * read-only actions only. Checked by the Connector before anything is sent, whichever face the call came through;
 * patterns are checked against the manifest so a typo cannot silently allow nothing.
 */
import { ScopeError, ValidationError } from "../errors.js";
import type { Manifest } from "../manifest/types.js";

export interface Scope {
  /** entity.action patterns; `*` stands for any entity or any action. Default: every action. */
  allow?: string[];
  /** Only actions annotated read-only (by default, GET actions). */
  readOnly?: boolean;
}

export function scopeMatches(pattern: string, entity: string, action: string): boolean {
  const [entityPattern, actionPattern = "*"] = pattern.split(".");
  return (entityPattern === "*" || entityPattern === entity) && (actionPattern === "*" || actionPattern === action);
}

/** Every scope of the list allows the action (a narrowed connection keeps its parent's limits too). */
export function inScopes(scopes: readonly Scope[], entity: string, action: string, readOnly: boolean): boolean {
  return scopes.every((scope) => (!scope.readOnly || readOnly) && (!scope.allow || scope.allow.some((p) => scopeMatches(p, entity, action))));
}

/** Refuses patterns that are malformed or match no action of the manifest. */
export function checkScope(manifest: Manifest, scope: Scope): void {
  if (scope.allow !== undefined && !Array.isArray(scope.allow))
    throw new ValidationError(`invalid scope for ${manifest.name}`, [{ param: "allow", message: "must be a list of entity.action patterns" }]);
  const issues = (scope.allow ?? []).flatMap((pattern) => {
    if (typeof pattern !== "string" || !/^(\*|[A-Za-z0-9_]+)(\.(\*|[A-Za-z0-9_]+))?$/.test(pattern))
      return [{ param: "allow", message: `${JSON.stringify(pattern)} is not entity.action, entity.* or *.action` }];
    const matches = Object.entries(manifest.entities).some(([entity, e]) => Object.keys(e.actions).some((action) => scopeMatches(pattern, entity, action)));
    return matches ? [] : [{ param: "allow", message: `"${pattern}" matches no ${manifest.name} action` }];
  });
  if (scope.readOnly !== undefined && typeof scope.readOnly !== "boolean") issues.push({ param: "readOnly", message: "must be true or false" });
  if (issues.length) throw new ValidationError(`invalid scope for ${manifest.name}`, issues);
}

export function scopeError(connector: string, entity: string, action: string, readOnly: boolean, scopes: readonly Scope[], offered: string): ScopeError {
  const why = !readOnly && scopes.some((s) => s.readOnly) ? "this connection is read-only" : "it is not among this connection's allowed actions";
  return new ScopeError(`${connector} ${entity}.${action} is out of scope (${why}); nothing was sent; ${offered}`, { entity, action });
}
