/** Looking names up in a manifest's maps by own properties only: "constructor" or "__proto__" names nothing. */
import type { Action, Manifest } from "./types.js";

export function own<T>(map: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, name) ? map[name] : undefined;
}

export function ownAction(manifest: Manifest, entity: string, action: string): Action | undefined {
  return own(own(manifest.entities, entity)?.actions, action);
}
