/**
 * The meta-schema: a JSON Schema every connector manifest must satisfy.
 * Closed everywhere (additionalProperties: false) so a typo is an error, not a silent no-op.
 */

// Names a plain object already has ("constructor", "__proto__", "prototype") are never a declared name.
const RESERVED = "(?!(?:__proto__|constructor|prototype)$)";
const identifier = { type: "string", pattern: `^${RESERVED}[a-z][a-z0-9_]*$` } as const;
const stringMap = { type: "object", additionalProperties: { type: "string" } } as const;
const nameList = { type: "array", items: identifier, uniqueItems: true } as const;
const path = { type: "string", minLength: 1 } as const;
const wireName = { type: "string", minLength: 1 } as const;
const positiveInteger = { type: "integer", minimum: 1 } as const;
const jsonType = { enum: ["string", "integer", "number", "boolean", "array", "object", "null"] } as const;

const schemaKeywords = {
  type: { anyOf: [jsonType, { type: "array", items: jsonType, minItems: 1, uniqueItems: true }] },
  format: { enum: ["date", "date-time", "time", "email", "uri", "uuid", "ipv4", "ipv6", "hostname"] },
  enum: { type: "array", minItems: 1 },
  const: {},
  default: {},
  description: { type: "string" },
  minimum: { type: "number" },
  maximum: { type: "number" },
  exclusiveMinimum: { type: "number" },
  exclusiveMaximum: { type: "number" },
  minLength: { type: "integer", minimum: 0 },
  maxLength: { type: "integer", minimum: 0 },
  pattern: { type: "string" },
  items: { $ref: "#/definitions/schemaNode" },
  minItems: { type: "integer", minimum: 0 },
  maxItems: { type: "integer", minimum: 0 },
  uniqueItems: { type: "boolean" },
  properties: { type: "object", additionalProperties: { $ref: "#/definitions/schemaNode" } },
  additionalProperties: { anyOf: [{ type: "boolean" }, { $ref: "#/definitions/schemaNode" }] },
  anyOf: { type: "array", items: { $ref: "#/definitions/schemaNode" }, minItems: 1 },
  oneOf: { type: "array", items: { $ref: "#/definitions/schemaNode" }, minItems: 1 },
  examples: { type: "array" },
  deprecated: { type: "boolean" },
} as const;

/** A record schema's name under `schemas`, as codegen names its TypeScript type: TimeEntry, ProfileShort. */
const schemaName = { type: "string", pattern: "^[A-Z][A-Za-z0-9]*$" } as const;

const applyTemplates = {
  type: "object",
  additionalProperties: false,
  properties: { headers: stringMap, query: stringMap, cookies: stringMap },
} as const;

export const metaSchema = {
  $id: "https://agent-connectors.dev/schema/connector.json",
  type: "object",
  additionalProperties: false,
  required: ["name", "title", "description", "base_url", "auth", "entities"],
  properties: {
    name: identifier,
    title: { type: "string", minLength: 1 },
    description: { type: "string", minLength: 1 },
    version: { type: "string" },
    docs_url: { type: "string", pattern: "^https?://" },
    base_url: { type: "string", pattern: "^https?://" },
    hosts: { type: "object", propertyNames: identifier, additionalProperties: { type: "string", pattern: "^https?://" } },
    headers: stringMap,
    auth: { type: "object", propertyNames: identifier, minProperties: 1, additionalProperties: { $ref: "#/definitions/authVariant" } },
    rate_limits: { type: "object", propertyNames: identifier, additionalProperties: { $ref: "#/definitions/rateLimit" } },
    pagination: { type: "object", propertyNames: identifier, additionalProperties: { $ref: "#/definitions/pagination" } },
    param_groups: {
      type: "object",
      propertyNames: identifier,
      additionalProperties: { $ref: "#/definitions/params" },
    },
    errors: {
      type: "object",
      additionalProperties: false,
      properties: {
        message: { type: "array", items: { type: "string" }, minItems: 1 },
        status_path: { type: "string" },
        rules: { type: "array", items: { $ref: "#/definitions/errorRule" } },
      },
    },
    default_param_location: { enum: ["query", "body"] },
    concurrency: { type: "integer", minimum: 1 },
    costs: {
      type: "object",
      additionalProperties: false,
      required: ["currency"],
      properties: {
        currency: { type: "string", pattern: "^[A-Z]{3}$" },
        response_path: { type: "string" },
        balance: {
          type: "object",
          additionalProperties: false,
          required: ["entity", "action", "path"],
          properties: { entity: identifier, action: identifier, path: { type: "string" } },
        },
      },
    },
    guidance: { type: "array", items: { type: "string", minLength: 1 } },
    // The read-only call that proves new credentials work before a connect page saves them, and how to name the account.
    connection_test: {
      type: "object",
      additionalProperties: false,
      required: ["action"],
      properties: { action: { type: "string", pattern: "^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$" }, account: { type: "string", minLength: 1 } },
    },
    schemas: { type: "object", propertyNames: schemaName, additionalProperties: { $ref: "#/definitions/recordNode" } },
    entities: { type: "object", propertyNames: identifier, minProperties: 1, additionalProperties: { $ref: "#/definitions/entity" } },
  },
  definitions: {
    schemaNode: { type: "object", additionalProperties: false, properties: { ...schemaKeywords, required: nameListLoose() } },
    /** A record schema: the schema keywords, nested records, and `$ref: Name` to reuse another record schema. */
    recordNode: {
      type: "object",
      additionalProperties: false,
      properties: {
        ...schemaKeywords,
        items: { $ref: "#/definitions/recordNode" },
        properties: { type: "object", additionalProperties: { $ref: "#/definitions/recordNode" } },
        additionalProperties: { anyOf: [{ type: "boolean" }, { $ref: "#/definitions/recordNode" }] },
        anyOf: { type: "array", items: { $ref: "#/definitions/recordNode" }, minItems: 1 },
        oneOf: { type: "array", items: { $ref: "#/definitions/recordNode" }, minItems: 1 },
        required: nameListLoose(),
        $ref: schemaName,
      },
    },
    param: {
      type: "object",
      additionalProperties: false,
      properties: {
        ...schemaKeywords,
        in: { enum: ["path", "query", "body", "header"] },
        // true: the param itself is required; a list: an object param's required properties, as in JSON Schema.
        required: { anyOf: [{ type: "boolean" }, nameListLoose()] },
        wire_name: { type: "string", minLength: 1 },
        style: { enum: ["comma", "repeat", "brackets"] },
        send_when: {},
      },
    },
    params: { type: "object", propertyNames: { type: "string", pattern: `^${RESERVED}[A-Za-z_][A-Za-z0-9_]*$` }, additionalProperties: { $ref: "#/definitions/param" } },
    credentialField: {
      type: "object",
      additionalProperties: false,
      properties: {
        /** What a connect form calls the field (default: its name in words). */
        label: { type: "string", minLength: 1 },
        description: { type: "string" },
        secret: { type: "boolean" },
        env: { type: "string", pattern: "^[A-Z][A-Z0-9_]*$" },
        optional: { type: "boolean" },
      },
    },
    authVariant: {
      type: "object",
      additionalProperties: false,
      required: ["fields", "apply"],
      properties: {
        /** What a connect page calls this way of connecting (default: its name in words). */
        label: { type: "string", minLength: 1 },
        description: { type: "string" },
        type: { enum: ["static", "oauth2_refresh"] },
        fields: { type: "object", propertyNames: identifier, minProperties: 1, additionalProperties: { $ref: "#/definitions/credentialField" } },
        apply: applyTemplates,
        token_url: { type: "string", pattern: "^https?://" },
        authorize_url: { type: "string", pattern: "^https?://" },
        account_discovery: {
          type: "object",
          additionalProperties: false,
          required: ["action", "field"],
          properties: {
            action: { type: "string", pattern: "^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$" },
            field: identifier,
            id: path,
            name: path,
            where: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } },
            pick: { enum: ["single", "first"] },
          },
        },
      },
    },
    rateLimit: {
      type: "object",
      additionalProperties: false,
      required: ["requests", "per_seconds"],
      properties: {
        requests: { type: "integer", minimum: 1 },
        per_seconds: { type: "number", exclusiveMinimum: 0 },
        description: { type: "string" },
      },
    },
    // One member per strategy, each with its own keys (as Nango's union types): a wrong combination is an error.
    pagination: {
      type: "object",
      required: ["type"],
      properties: { type: { enum: ["link", "page_number", "cursor", "offset", "none"] } },
      discriminator: { propertyName: "type" },
      oneOf: [
        strategy("link", ["next"], { next: path, total_pages: path, page: path }),
        strategy("page_number", ["param"], { param: wireName, total_pages: path, page: path, token: path, token_param: wireName, max_pages: positiveInteger }),
        strategy("cursor", ["param", "next"], { param: wireName, next: path }),
        strategy("offset", ["param"], { param: wireName }),
        { type: "object", additionalProperties: false, required: ["type"], properties: { type: { const: "none" } } },
      ],
    },
    errorRule: {
      type: "object",
      additionalProperties: false,
      required: ["kind"],
      properties: {
        status: { type: "integer", minimum: 100, maximum: 599 },
        message_matches: { type: "string" },
        kind: { enum: ["auth", "not_found", "credits", "rate_limit", "upstream"] },
        credentials: nameList,
        reason: { enum: ["invalid", "expired", "revoked", "forbidden"] },
        message: { type: "string" },
      },
    },
    cost: {
      type: "object",
      additionalProperties: false,
      required: ["amount"],
      properties: {
        amount: { type: "number", minimum: 0 },
        when: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["param", "equals", "amount"],
            properties: { param: { type: "string" }, equals: {}, amount: { type: "number", minimum: 0 } },
          },
        },
        billed_by: identifier,
        per: { enum: ["request", "item"] },
        items_param: { type: "string" },
        note: { type: "string" },
      },
    },
    action: {
      type: "object",
      additionalProperties: false,
      required: ["description", "method", "path", "example"],
      properties: {
        description: { type: "string", minLength: 1 },
        notes: { type: "string" },
        method: { enum: ["GET", "POST", "PUT", "PATCH", "DELETE"] },
        path: { type: "string", pattern: "^/" },
        host: identifier,
        use: nameList,
        params: { $ref: "#/definitions/params" },
        records: { type: "string" },
        record: { type: "string" },
        returns: schemaName,
        pagination: identifier,
        rate_limit: identifier,
        auth: {
          type: "object",
          additionalProperties: false,
          properties: { none: { type: "boolean" }, optional: nameList, require: nameList, apply: applyTemplates, apply_variant: { type: "boolean" } },
        },
        annotations: {
          type: "object",
          additionalProperties: false,
          properties: { read_only: { type: "boolean" }, destructive: { type: "boolean" }, idempotent: { type: "boolean" } },
        },
        cost: { $ref: "#/definitions/cost" },
        timeout_ms: { type: "integer", minimum: 1 },
        example: {
          type: "object",
          additionalProperties: false,
          required: ["params"],
          properties: { description: { type: "string" }, params: { type: "object" }, error: { type: "string", pattern: "^E_[A-Z_]+$" } },
        },
      },
    },
    entity: {
      type: "object",
      additionalProperties: false,
      required: ["description", "actions"],
      properties: {
        description: { type: "string", minLength: 1 },
        actions: { type: "object", propertyNames: identifier, minProperties: 1, additionalProperties: { $ref: "#/definitions/action" } },
      },
    },
  },
} as const;

/** A pagination strategy's schema: its `type`, its required keys, and the keys every paged strategy may set. */
function strategy(type: string, required: string[], own: Record<string, object>) {
  return {
    type: "object",
    additionalProperties: false,
    required: ["type", ...required],
    properties: {
      type: { const: type },
      ...own,
      size_param: wireName,
      total: path,
      page_size: positiveInteger,
      agent_page_size: positiveInteger,
    },
  } as const;
}

/** Nested objects keep JSON Schema's own `required: [names]`. */
function nameListLoose() {
  return { type: "array", items: { type: "string" }, uniqueItems: true } as const;
}
