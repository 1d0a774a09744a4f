/**
 * The shape of a connector manifest (connectors/<name>/connector.yaml).
 * The meta-schema in meta-schema.ts is the authority; these types mirror it.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type ParamLocation = "path" | "query" | "body" | "header";

/** A JSON Schema subset used for parameters and nested values. */
export interface SchemaNode {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  examples?: unknown[];
  deprecated?: boolean;
}

/** A parameter: a schema plus where it goes on the wire. */
export interface ParamSpec extends Omit<SchemaNode, "required"> {
  in?: ParamLocation;
  /** true: the param is required; a list of names: an object param's required properties (JSON Schema's own meaning). */
  required?: boolean | string[];
  /** Name on the wire when it differs from the parameter's name. */
  wire_name?: string;
  /** Query arrays: "comma" sends a=1,2 (default); "repeat" sends a=1&a=2; "brackets" sends a[]=1&a[]=2. */
  style?: "comma" | "repeat" | "brackets";
  /** Sent only when the value equals this (a switch the API turns on by its mere presence: send_when: true). */
  send_when?: unknown;
}

/** A record schema (under `schemas`): a schema whose nodes may reuse another record schema with `$ref: Name`. */
export interface RecordSchema extends Omit<SchemaNode, "items" | "properties" | "additionalProperties" | "anyOf" | "oneOf"> {
  $ref?: string;
  items?: RecordSchema;
  properties?: Record<string, RecordSchema>;
  additionalProperties?: boolean | RecordSchema;
  anyOf?: RecordSchema[];
  oneOf?: RecordSchema[];
}

export interface CredentialField {
  /** What a connect form calls the field (default: its name in words). */
  label?: string;
  description?: string;
  secret?: boolean;
  /** Environment variable the field is read from when no credentials are passed. */
  env?: string;
  /** An optional field may be absent; templates that use it are then left out. */
  optional?: boolean;
}

export interface ApplyTemplates {
  headers?: Record<string, string>;
  query?: Record<string, string>;
  cookies?: Record<string, string>;
}

export interface AuthVariant {
  /** What a connect page calls this way of connecting (default: its name in words). */
  label?: string;
  description?: string;
  type?: "static" | "oauth2_refresh";
  fields: Record<string, CredentialField>;
  apply: ApplyTemplates;
  /** oauth2_refresh: the token endpoint (overridable by CONNECTORS_<NAME>_TOKEN_URL). */
  token_url?: string;
  /** oauth2_refresh: the user-facing authorize endpoint (for connect flows). */
  authorize_url?: string;
  /** oauth2_refresh: how a connect flow finds a credential field the authorization does not give (e.g. the account id). */
  account_discovery?: AccountDiscovery;
}

/** After the code exchange: run an action with the new tokens, and fill a credential field from one of its records. */
export interface AccountDiscovery {
  /** entity.action to run (it must not need the field it fills). */
  action: string;
  /** The credential field to fill. */
  field: string;
  /** Path of the value in each record (default id), and of a name to show when the user must choose. */
  id?: string;
  name?: string;
  /** Keep only records whose fields equal these values (e.g. the product this connector acts on). */
  where?: Record<string, string | number | boolean>;
  /** single (default): fill it when exactly one record is left, else the user chooses; first: take the first. */
  pick?: "single" | "first";
}

export interface RateLimitGroup {
  requests: number;
  per_seconds: number;
  description?: string;
}

/** What every strategy that pages may declare. */
interface PagedStrategy {
  /** The request parameter that sets the page size. */
  size_param?: string;
  /** Path in the response body to the total number of records, when the API gives it. */
  total?: string;
  /** Records per page when the call does not set size_param (used for cost estimates). */
  page_size?: number;
  /** The page size an agent asks for by default: pages that fit a model's context (default: the API's own). */
  agent_page_size?: number;
}

/** Follows a URL the body hands out (e.g. Harvest's links.next). */
export interface LinkPagination extends PagedStrategy {
  type: "link";
  /** Path to the next page's URL. */
  next: string;
  total_pages?: string;
  /** Path to the current page number, when given. */
  page?: string;
}

/** Asks for page 1, 2, 3, ... */
export interface PageNumberPagination extends PagedStrategy {
  type: "page_number";
  /** The request parameter that selects the page. */
  param: string;
  total_pages?: string;
  /** Path to the current page number, when given. */
  page?: string;
  /** A token from the body that must travel with every later page (e.g. paginationToken)... */
  token?: string;
  /** ...in this request parameter. */
  token_param?: string;
  /** The API serves no page past this one. */
  max_pages?: number;
}

/** Sends back a token from the body. */
export interface CursorPagination extends PagedStrategy {
  type: "cursor";
  param: string;
  /** Path to the next token. */
  next: string;
}

/** Counts records from an offset. */
export interface OffsetPagination extends PagedStrategy {
  type: "offset";
  param: string;
}

export interface NoPagination {
  type: "none";
}

export type PaginationStrategy = LinkPagination | PageNumberPagination | CursorPagination | OffsetPagination | NoPagination;
export type PaginationType = PaginationStrategy["type"];
/** A strategy that pages (every one but none). */
export type PagingStrategy = Exclude<PaginationStrategy, NoPagination>;

export interface ActionAuth {
  /** The action needs no credentials at all. */
  none?: boolean;
  /** Fields of the variant that this action can do without. */
  optional?: string[];
  /** Optional fields of the variant that this action needs. */
  require?: string[];
  /** Extra templates applied for this action only. */
  apply?: ApplyTemplates;
  /** false: the variant's own templates are not sent (the action goes to a host that must not see them). */
  apply_variant?: boolean;
}

export interface ActionAnnotations {
  read_only?: boolean;
  destructive?: boolean;
  idempotent?: boolean;
}

export interface ActionExample {
  description?: string;
  params: Record<string, unknown>;
  /** The error code the example ends with on the connector's sandbox, when it shows a refusal (E_NOT_FOUND ...). */
  error?: string;
}

/** What one request of an action costs, in the manifest's currency. */
export interface ActionCost {
  /** Cost of one request (or one page, for lists). */
  amount: number;
  /** Cost overrides when a param has a value, first match wins (e.g. findEmail: true). */
  when?: { param: string; equals: unknown; amount: number }[];
  /** Who bills it when not the API itself (e.g. apify). */
  billed_by?: string;
  /** Per what unit the API bills, for estimates: request (default), or each item of an array param. */
  per?: "request" | "item";
  /** The array param whose items are billed, with per: item. */
  items_param?: string;
  note?: string;
}

export interface Action {
  description: string;
  notes?: string;
  method: HttpMethod;
  path: string;
  host?: string;
  use?: string[];
  params?: Record<string, ParamSpec>;
  /** Dotted path to the records array of a list response. */
  records?: string;
  /** Dotted path to the single record of a response (default: the whole body). */
  record?: string;
  /** The record schema (a name under `schemas`) of what it returns: each of `records`, or the one record. */
  returns?: string;
  pagination?: string;
  rate_limit?: string;
  auth?: ActionAuth;
  annotations?: ActionAnnotations;
  cost?: ActionCost;
  /** Longest this action may take, per attempt, in ms (overrides the connection's timeout when longer). */
  timeout_ms?: number;
  example: ActionExample;
}

export interface Entity {
  description: string;
  actions: Record<string, Action>;
}

export type ErrorKind = "auth" | "not_found" | "credits" | "rate_limit" | "upstream";

/** Recognises an error answer by status and message, and says what it means. */
export interface ErrorRule {
  status?: number;
  /** A regular expression (case-insensitive) the API's message must match. */
  message_matches?: string;
  kind: ErrorKind;
  /** For auth errors: the credential fields concerned (e.g. li_at). */
  credentials?: string[];
  /** For auth errors: why (default invalid). */
  reason?: "invalid" | "expired" | "revoked" | "forbidden";
  /** What to tell the caller, before the API's own message. */
  message?: string;
}

export interface ErrorRules {
  /** Dotted paths tried in order for the API's own error message. */
  message?: string[];
  /** A status inside the body (e.g. status: 404 with HTTP 200) that wins over the HTTP status when it is 400 or more. */
  status_path?: string;
  rules?: ErrorRule[];
}

export interface Costs {
  currency: string;
  /** Where a response says what the call cost. */
  response_path?: string;
  /** The action that reads the account's balance, and where the balance is in its record. */
  balance?: { entity: string; action: string; path: string };
}

/** The call that proves new credentials work before they are saved (a connect page), and what names the account. */
export interface ConnectionTest {
  /** entity.action: a read-only action that needs no params. */
  action: string;
  /** A `{{field}}` template over the action's record, e.g. "{{first_name}} {{last_name}}" (default: none shown). */
  account?: string;
}

export interface Manifest {
  name: string;
  title: string;
  description: string;
  version?: string;
  docs_url?: string;
  base_url: string;
  hosts?: Record<string, string>;
  headers?: Record<string, string>;
  auth: Record<string, AuthVariant>;
  rate_limits?: Record<string, RateLimitGroup>;
  pagination?: Record<string, PaginationStrategy>;
  param_groups?: Record<string, Record<string, ParamSpec>>;
  errors?: ErrorRules;
  /** Where params go when neither the manifest nor the path says: the default is query for GET/DELETE, body otherwise. */
  default_param_location?: "query" | "body";
  /** Requests in flight per account; more wait their turn. */
  concurrency?: number;
  costs?: Costs;
  guidance?: string[];
  connection_test?: ConnectionTest;
  /** Record schemas by name, named by actions' `returns` and reused by one another with `$ref`. */
  schemas?: Record<string, RecordSchema>;
  entities: Record<string, Entity>;
}
