/**
 * Which actions a tool may run: `allow` patterns ("time_entries.*", "projects.list", "*.list", "*")
 * and/or read-only actions only. Patterns are checked against the manifest so a typo cannot silently allow nothing.
 */
import { ValidationError } from "../errors.js";
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

export function inScope(scope: Scope, entity: string, action: string, readOnly: boolean): boolean {
  if (scope.readOnly && !readOnly) return false;
  return !scope.allow || scope.allow.some((pattern) => scopeMatches(pattern, entity, action));
}

/** Refuses patterns that are malformed or match no action of the manifest. */
export function checkScope(manifest: Manifest, scope: Scope): void {
  const issues = (scope.allow ?? []).flatMap((pattern) => {
    if (!/^(\*|[A-Za-z0-9_]+)(\.(\*|[A-Za-z0-9_]+))?$/.test(pattern)) return [{ param: "allow", message: `"${pattern}" is not entity.action, entity.* or *.action` }];
    const matches = Object.entries(manifest.entities).some(([entity, e]) => Object.keys(e.actions).some((action) => scopeMatches(pattern, entity, action)));
    return matches ? [] : [{ param: "allow", message: `"${pattern}" matches no ${manifest.name} action` }];
  });
  if (issues.length) throw new ValidationError(`invalid tool scope for ${manifest.name}`, issues);
}
