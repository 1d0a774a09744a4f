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
  /** Required at the top level (JSON Schema's `required` array lives on nested objects only). */
  required?: boolean;
  /** Name on the wire when it differs from the parameter's name. */
  wire_name?: string;
  /** Query arrays: "comma" sends a=1,2 (default); "repeat" sends a=1&a=2; "brackets" sends a[]=1&a[]=2. */
  style?: "comma" | "repeat" | "brackets";
}

export interface CredentialField {
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
  description?: string;
  type?: "static" | "oauth2_refresh";
  fields: Record<string, CredentialField>;
  apply: ApplyTemplates;
  /** oauth2_refresh: the token endpoint (overridable by CONNECTORS_<NAME>_TOKEN_URL). */
  token_url?: string;
  /** oauth2_refresh: the user-facing authorize endpoint (for connect flows). */
  authorize_url?: string;
}

export interface RateLimitGroup {
  requests: number;
  per_seconds: number;
  description?: string;
}

export type PaginationType = "link" | "page_number" | "cursor" | "offset" | "none";

export interface PaginationStrategy {
  type: PaginationType;
  /** link: path to the next URL; cursor: path to the next token. */
  next?: string;
  /** page_number / cursor / offset: the request parameter that selects the page. */
  param?: string;
  /** page_number / offset: the request parameter that sets the page size. */
  size_param?: string;
  /** Paths in the response body for totals, when the API gives them. */
  total?: string;
  total_pages?: string;
  /** page_number: path to the current page number in the body, when given. */
  page?: string;
}

export interface ActionAuth {
  /** The action needs no credentials at all. */
  none?: boolean;
  /** Fields of the variant that this action can do without. */
  optional?: string[];
  /** Optional fields of the variant that this action needs. */
  require?: string[];
  /** Extra templates applied for this action only. */
  apply?: ApplyTemplates;
}

export interface ActionAnnotations {
  read_only?: boolean;
  destructive?: boolean;
  idempotent?: boolean;
}

export interface ActionExample {
  description?: string;
  params: Record<string, unknown>;
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
  pagination?: string;
  rate_limit?: string;
  auth?: ActionAuth;
  annotations?: ActionAnnotations;
  example: ActionExample;
}

export interface Entity {
  description: string;
  actions: Record<string, Action>;
}

export interface ErrorRules {
  /** Dotted paths tried in order for the API's own error message. */
  message?: string[];
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
  guidance?: string[];
  entities: Record<string, Entity>;
}
