/**
 * The contract between generated action maps (src/generated) and the typed `connect`/`execute`:
 * a map `{ [entity]: { [action]: { params; data } } }`, and how a call's arguments derive from it.
 * Types only.
 */

/** One action: the params it takes and the `data` it gives back. */
export interface ActionTypes {
  params: object;
  data: unknown;
}

/** Every entity and action of one connector. Generated maps are type aliases, so they fit this index signature. */
export type ActionMap = { [entity: string]: { [action: string]: ActionTypes } };

/** A connector known only at run time: any entity, action and params; checked when the call is made. */
export type UntypedActions = { [entity: string]: { [action: string]: { params: Record<string, unknown>; data: unknown } } };

export type EntityName<M extends ActionMap> = keyof M & string;
export type ActionName<M extends ActionMap, E extends EntityName<M>> = keyof M[E] & string;

/** The record type of a result's `data`: each element of a list, or the data itself. */
export type RecordOf<D> = D extends readonly (infer R)[] ? R : D;

/** The actions of an entity that give lists (every action, for a connector known only at run time). */
export type ListActionName<M extends ActionMap, E extends EntityName<M>> = {
  [A in ActionName<M, E>]: M[E][A]["data"] extends readonly unknown[] ? A : unknown extends M[E][A]["data"] ? A : never;
}[ActionName<M, E>];

/** `execute`'s arguments after entity and action: params may be left out only when none is required. */
export type ParamsArgs<P, O> = {} extends P ? [params?: P, options?: O] : [params: P, options?: O];

/**
 * A string that is not a literal: a call whose entity is only known at run time (`execute(entity as string, ...)`)
 * is checked at run time; a literal entity must be one the map knows.
 */
export type DynamicString<S extends string> = string extends S ? S : never;
