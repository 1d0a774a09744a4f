/** Validation shared by several resources. */
import { unprocessable } from "./errors.js";
import type { CollectionName, Tables } from "./model.js";
import type { Store } from "./store.js";

/** 422 when another record of the collection already has this value (Harvest: "has already been taken"). */
export function requireUnique<K extends CollectionName>(
  store: Store,
  collection: K,
  row: Tables[K],
  field: keyof Tables[K] & string,
  sameScope: (other: Tables[K]) => boolean = () => true,
): void {
  const value = row[field];
  const taken = store.some(collection, (other) => other.id !== row.id && other[field] === value && sameScope(other));
  if (taken) throw unprocessable(`${field} has already been taken`);
}

export function requireValid(condition: boolean, message: string): void {
  if (!condition) throw unprocessable(message);
}

export const isCurrencyCode = (code: string): boolean => /^[A-Z]{3}$/.test(code);
