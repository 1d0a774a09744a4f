/** The service's own OpenAPI 3.1 document, served at /openapi.json. */
import { DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT } from "./routes/audit.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...json(ref("Error")) });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const errors = { "400": error("Invalid request (malformed JSON, unknown field, invalid params)"), "401": error("Missing or wrong bearer token"), "429": error("Rate limited") };
const secured = [{ bearer: [] }];

const accountInput = {
  type: "object",
  required: ["connector_type", "name", "user_id", "credentials"],
  additionalProperties: false,
  properties: {
    connector_type: { type: "string", examples: ["harvest"] },
    name: { type: "string" },
    user_id: { type: "string", description: "Your identifier for the end user who owns the account" },
    account: { type: "string", default: "default" },
    auth_variant: { type: "string", description: "Default: the first of the manifest's variants the credentials complete" },
    credentials: { type: "object", additionalProperties: { type: "string" }, description: "The auth variant's fields, by the manifest's names; never returned" },
    scopes: { type: ["array", "null"], items: { type: "string" }, examples: [["time_entries.list", "projects.*"]] },
    read_only: { type: "boolean", default: false },
  },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: { title: "agent-connectors hosted execute API", version: "1", description: "Run connector actions for your users without holding their secrets." },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A workspace token (or the admin token, to create workspaces)" } },
    schemas: {
      Error: { type: "object", properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } } },
      Workspace: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, created_at: { type: "string" }, token: { type: "string", description: "Shown once" } } },
      Connector: {
        type: "object",
        properties: {
          id: { type: "string" },
          workspace_id: { type: "string" },
          connector_type: { type: "string" },
          name: { type: "string" },
          user_id: { type: "string" },
          account: { type: "string" },
          auth_variant: { type: "string" },
          scopes: { type: ["array", "null"], items: { type: "string" } },
          read_only: { type: "boolean" },
          status: { enum: ["pending", "active", "needs_reauth", "revoked"], description: "needs_reauth: the upstream refused its credentials; reconnect it (PATCH credentials, or the OAuth flow)" },
          created_at: { type: "string" },
          updated_at: { type: "string" },
          allowed: { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, description: "entity -> actions the scope allows" },
        },
      },
      McpToken: {
        type: "object",
        properties: {
          id: { type: "string" },
          workspace_id: { type: "string" },
          user_id: { type: "string" },
          name: { type: ["string", "null"] },
          created_at: { type: "string" },
          token: { type: "string", description: "Only in the answer to POST, shown this once; stored only as a hash" },
        },
      },
      AuditRow: {
        type: "object",
        properties: {
          id: { type: "integer" },
          time: { type: "string" },
          workspace_id: { type: "string" },
          user_id: { type: "string" },
          connector_id: { type: "string" },
          connector_type: { type: "string" },
          entity: { type: "string" },
          action: { type: "string" },
          outcome: { type: "string", description: "ok, or the error code (E_TIMEOUT past the server's deadline, E_CANCELLED when the client left)" },
          reason: { type: ["string", "null"], description: "For E_AUTH: why the credentials were refused (invalid, revoked, ...)" },
          upstream_status: { type: ["integer", "null"] },
          duration_ms: { type: "integer" },
          cost: { type: ["number", "null"] },
          params: { description: "Redacted: ids, dates, numbers, booleans and short codes kept; free text and secrets are [redacted]" },
        },
      },
    },
  },
  paths: {
    "/health": { get: { summary: "Liveness", responses: { "200": { description: "OK" } } } },
    "/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OK" } } } },
    "/api/v1/workspaces": {
      post: {
        summary: "Create a workspace (admin token)",
        security: secured,
        requestBody: json({ type: "object", required: ["name"], properties: { name: { type: "string" } } }),
        responses: { "201": { description: "Created; the token is shown this once", ...json(ref("Workspace")) }, ...errors },
      },
    },
    "/api/v1/integrations/connectors": {
      post: { summary: "Connect an account", security: secured, requestBody: json(accountInput), responses: { "201": { description: "Connected", ...json(ref("Connector")) }, ...errors } },
      get: {
        summary: "List connected accounts",
        security: secured,
        parameters: [{ name: "user_id", in: "query", schema: { type: "string" } }],
        responses: { "200": { description: "OK", ...json({ type: "object", properties: { data: { type: "array", items: ref("Connector") } } }) }, ...errors },
      },
    },
    "/api/v1/integrations/connectors/{id}": {
      parameters: [idParam],
      get: { summary: "One connected account and what its scope allows", security: secured, responses: { "200": { description: "OK", ...json(ref("Connector")) }, "404": error("Not in this workspace"), ...errors } },
      patch: {
        summary: "Rotate credentials or change scopes",
        security: secured,
        requestBody: json({ type: "object", additionalProperties: false, properties: { name: {}, credentials: {}, auth_variant: {}, scopes: {}, read_only: {} } }),
        responses: { "200": { description: "Changed", ...json(ref("Connector")) }, "404": error("Not in this workspace"), "409": error("Revoked"), ...errors },
      },
      delete: { summary: "Revoke: the stored credential is destroyed", security: secured, responses: { "200": { description: "Revoked", ...json(ref("Connector")) }, "404": error("Not in this workspace"), ...errors } },
    },
    "/api/v1/integrations/connectors/{id}/oauth/start": {
      parameters: [idParam],
      post: {
        summary: "Start the OAuth connect flow: the provider's authorize URL with a single-use state",
        security: secured,
        responses: {
          "200": { description: "Send the user's browser to authorize_url", ...json({ type: "object", properties: { authorize_url: { type: "string" }, expires_at: { type: "string" } } }) },
          ...errors,
        },
      },
    },
    "/oauth/callback": {
      get: {
        summary: "Where the provider sends the browser back: exchanges the code, activates the connector (the state is the credential)",
        parameters: ["code", "state"].map((name) => ({ name, in: "query", required: true, schema: { type: "string" } })),
        responses: { "200": { description: "Connected, or still pending with the accounts to choose from" }, ...errors },
      },
    },
    "/api/v1/integrations/connectors/{id}/execute": {
      parameters: [idParam],
      post: {
        summary: "Run one action with this account's credentials, within the server's deadline (--execute-timeout); one audit row per request",
        security: secured,
        requestBody: json({
          type: "object",
          required: ["entity", "action"],
          additionalProperties: false,
          properties: {
            entity: { type: "string" },
            action: { type: "string" },
            params: { type: "object" },
            options: { type: "object", additionalProperties: false, properties: { all: { type: "boolean" }, limit: { type: "integer" }, budget: { type: "number" }, preflight: { type: "boolean" } } },
          },
        }),
        responses: {
          "200": { description: "The result", ...json({ type: "object", properties: { result: { type: "object", properties: { data: {}, meta: { type: "object" } } } } }) },
          "402": error("Out of credits or over budget"),
          "403": error("Outside the account's scope (nothing was sent)"),
          "404": error("Not in this workspace, or the upstream record does not exist"),
          "502": error("Upstream or network failure"),
          "504": error("Upstream timeout"),
          ...errors,
        },
      },
    },
    "/api/v1/integrations/connectors/{id}/run": {
      parameters: [idParam],
      post: {
        summary: "Code mode: run a JavaScript program against this account (body of an async function; return the answer); one audit row per call plus one for the script",
        security: secured,
        requestBody: json({
          type: "object",
          required: ["code"],
          additionalProperties: false,
          properties: {
            code: { type: "string" },
            timeout: { type: "number", description: "seconds, at most 60 (default 30)" },
            max_calls: { type: "integer", minimum: 1, maximum: 10000 },
            budget: { type: "number", minimum: 0 },
          },
        }),
        responses: {
          "200": { description: "The script's answer", ...json({ type: "object", properties: { result: {}, logs: { type: "array" }, calls: { type: "integer" }, cost: { type: "number" }, duration_ms: { type: "integer" } } }) },
          ...errors,
          "400": error("Invalid request, or the script threw or did not parse (E_SCRIPT, with its line), or a call it let through was invalid"),
          "402": error("Over the script's budget, or out of credits"),
          "403": error("A call outside the account's scope (nothing was sent)"),
          "422": error("A limit stopped the script (E_LIMIT: time, memory, calls, result size)"),
        },
      },
    },
    "/api/v1/mcp-tokens": {
      post: {
        summary: "Create a user's MCP bearer token (connectors mcp --database): it reaches that user's active connected accounts in this workspace",
        security: secured,
        requestBody: json({ type: "object", required: ["user_id"], additionalProperties: false, properties: { user_id: { type: "string" }, name: { type: "string" } } }),
        responses: { "201": { description: "Created; the token is shown this once", ...json(ref("McpToken")) }, ...errors },
      },
      get: {
        summary: "List MCP tokens (never their values)",
        security: secured,
        parameters: [{ name: "user_id", in: "query", schema: { type: "string" } }],
        responses: { "200": { description: "OK", ...json({ type: "object", properties: { data: { type: "array", items: ref("McpToken") } } }) }, ...errors },
      },
    },
    "/api/v1/mcp-tokens/{id}": {
      parameters: [idParam],
      delete: { summary: "Revoke an MCP token: its next request gets 401", security: secured, responses: { "200": { description: "Revoked", ...json(ref("McpToken")) }, "404": error("Not in this workspace"), ...errors } },
    },
    "/api/v1/audit": {
      get: {
        summary: "Execute calls, oldest first",
        security: secured,
        parameters: [
          ...["connector_id", "user_id", "cursor"].map((name) => ({ name, in: "query", schema: { type: "string" } })),
          ...["since", "until"].map((name) => ({ name, in: "query", schema: { type: "string", format: "date-time" } })),
          { name: "format", in: "query", schema: { enum: ["json", "ndjson"], default: "json" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_AUDIT_LIMIT, default: DEFAULT_AUDIT_LIMIT } },
        ],
        responses: {
          "200": {
            description: "A page; with ndjson the next cursor is in the X-Next-Cursor header",
            content: {
              "application/json": { schema: { type: "object", properties: { data: { type: "array", items: ref("AuditRow") }, next: { type: ["string", "null"] } } } },
              "application/x-ndjson": { schema: ref("AuditRow") },
            },
          },
          ...errors,
        },
      },
    },
  },
};
