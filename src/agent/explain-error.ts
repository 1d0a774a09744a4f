/** Turns any error from a call into the tool's result text: what went wrong, then what the model should do next. */
import { AuthError, ConnectorError, CreditsError, LimitError, NotFoundError, RateLimitError, ScopeError, ScriptError, UpstreamBodyError, UpstreamError, ValidationError } from "../errors.js";
import type { Catalog } from "./catalog.js";
import { typeLabel } from "../manifest/type-label.js";

export interface ErrorContext {
  catalog: Catalog;
  entity: string;
  action: string;
  /** Replaces the default credentials advice (which names environment variables), e.g. for a hosted user. */
  credentialAdvice?: string;
  /** The line of a script the error came from (code mode). */
  line?: number;
}

export function explainError(error: unknown, context: ErrorContext): string {
  if (!(error instanceof ConnectorError)) return `Error: unexpected failure (${error instanceof Error ? error.message : String(error)}). Tell the user; retrying is unlikely to help.`;
  const at = context.line === undefined || error instanceof ScriptError ? "" : ` at line ${context.line}`;
  return `Error ${error.code}${at}: ${error.message}\nNext: ${nextStep(error, context)}`;
}

function nextStep(error: ConnectorError, context: ErrorContext): string {
  if (error instanceof ValidationError) return fixParams(context);
  if (error instanceof ScopeError)
    return "this tool may run only the actions its description lists: use one of those, or tell the user this needs an account with wider access.";
  if (error instanceof AuthError) return fixCredentials(error, context);
  if (error instanceof NotFoundError) return `check the ids you sent: ${findIds(context)}, then call again with an id from its results.`;
  if (error instanceof RateLimitError)
    return `wait ${error.retryAfter === undefined ? "a minute" : `${Math.ceil(error.retryAfter)} seconds`} before calling again; prefer one wide call (all/limit) to many small ones.`;
  if (error instanceof CreditsError) return spendAdvice(error);
  if (error instanceof UpstreamBodyError)
    return "the API's answer could not be read (not JSON, or larger than the connection allows): try again shortly, asking for fewer records (limit, per_page) if it was large; if it persists, tell the user.";
  if (error instanceof ScriptError) return "fix the script at that line and run it again; calls made before it ran as usual (do not repeat writes that succeeded).";
  if (error instanceof LimitError) return LIMIT_ADVICE[error.limit];
  if (error instanceof UpstreamError)
    return error.status < 500
      ? "the API refused the call as sent: correct it following the API's message and call again."
      : "the API failed on its side: try again shortly; if it keeps failing, tell the user.";
  if (error.code === "E_NETWORK" || error.code === "E_TIMEOUT") return "the API could not be reached in time: try again shortly, with a smaller request (limit) for a timeout; if it persists, tell the user.";
  return "the connector is misconfigured: tell the user; retrying will not help.";
}

const LIMIT_ADVICE: Record<LimitError["limit"], string> = {
  time: "do less in one script: narrower lists (filters, date ranges), fewer calls, report actions for totals; or split the work over several runs.",
  memory: "keep less in memory: aggregate while reading each list, and keep only the fields you need.",
  calls: "make fewer, wider calls: { all: true } or { limit } walks a whole list in one call, and filters narrow it.",
  result: "return less: totals, counts or only the fields that matter, not whole records.",
};

/** The action's params with their types, so the next attempt can be right. */
function fixParams({ catalog, entity, action }: ErrorContext): string {
  const spec = catalogAction(catalog, entity, action);
  if (!spec) return "correct the call as the message says (valid names are listed) and call again; nothing was sent.";
  const required = new Set(spec.params.required ?? []);
  const params = Object.entries(spec.params.properties ?? {}).map(([name, schema]) => `${name}${required.has(name) ? "*" : ""}: ${typeLabel(schema)}`);
  return `fix the params and call again (nothing was sent). ${entity}.${action} params (* required): ${params.join(", ") || "none"}.`;
}

function fixCredentials(error: AuthError, { catalog, credentialAdvice }: ErrorContext): string {
  if (error.reason === "forbidden") return "these credentials lack permission for this action: do something else, or ask the user for an account with the rights.";
  if (credentialAdvice) return `retrying will not help: ${credentialAdvice}`;
  const fields = Object.values(catalog.manifest.auth).flatMap((variant) => Object.entries(variant.fields));
  const concerned = fields.filter(([name, spec]) => spec.env && (error.credentials.length === 0 || error.credentials.includes(name)));
  const variables = [...new Set(concerned.map(([, spec]) => spec.env))].join(", ");
  return `retrying will not help: ask the user to provide valid credentials${variables ? ` (environment variables: ${variables})` : ""}.`;
}

/** The catalog's action by own names only: "constructor" or "__proto__" from a model is no action. */
function catalogAction(catalog: Catalog, entity: string, action: string) {
  if (!Object.hasOwn(catalog.entities, entity)) return undefined;
  const actions = catalog.entities[entity]!.actions;
  return Object.hasOwn(actions, action) ? actions[action] : undefined;
}

/** An action of the same entity that lists or searches, to resolve ids with. */
function findIds({ catalog, entity }: ErrorContext): string {
  const actions = Object.hasOwn(catalog.entities, entity) ? catalog.entities[entity]!.actions : {};
  const names = Object.keys(actions);
  const finder = names.find((a) => a === "list") ?? names.find((a) => a === "search") ?? names.find((a) => actions[a]!.paginated);
  return finder ? `resolve them with ${entity}.${finder}` : "resolve them with a list or search action";
}

function spendAdvice(error: CreditsError): string {
  const known = [
    error.balance === undefined ? "" : `balance ${error.balance}`,
    error.cost === undefined ? "" : `estimated cost ${error.cost}`,
    error.budget === undefined ? "" : `budget ${error.budget}`,
    error.spent ? `already spent ${error.spent}` : "",
  ].filter(Boolean);
  return `${known.length ? `(${known.join(", ")}) ` : ""}make the call cheaper (a smaller limit, fewer items, no optional extras) or ask the user to raise the budget or top up the account.`;
}
