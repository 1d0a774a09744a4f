/** What an action does to the world, from its annotations or, when it says nothing, from its HTTP method. */
import type { Action, ActionAnnotations } from "./types.js";

export function actionAnnotations(action: Action): Required<ActionAnnotations> {
  const readOnly = action.annotations?.read_only ?? action.method === "GET";
  return {
    read_only: readOnly,
    destructive: action.annotations?.destructive ?? action.method === "DELETE",
    // Safe to send again after a failure that may have reached the server.
    idempotent: action.annotations?.idempotent ?? (action.method === "GET" || readOnly),
  };
}
