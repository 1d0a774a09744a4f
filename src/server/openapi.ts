/** The service's own OpenAPI 3.1 document, served at /openapi.json (and linted with Redocly's recommended rules). */
import { ref, schemas } from "./openapi-schemas.js";
import { DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT } from "./routes/audit.js";

const json = (schema: object) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...json(ref("Error")) });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const userFilter = { name: "user_id", in: "query", schema: { type: "string" } };
const errors = { "400": error("Invalid request (malformed JSON, unknown field, invalid params)"), "401": error("Missing or wrong bearer token"), "429": error("Rate limited") };
/** Every route checks its path and query first (control characters, lengths). */
const badPath = { "400": error("The path or query holds control characters or is too long") };
/** Routes anyone may call: the root's bearer requirement does not apply. */
const open = { security: [] };
const notHere = error("Not in this workspace");

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

export function openApiDocument(publicUrl: string | undefined) {
  return {
    openapi: "3.1.0",
    info: {
      title: "agent-connectors hosted execute API",
      version: "1",
      description: "Run connector actions for your users without holding their secrets. Connect pages (/connect) and the console (/console) are served beside it.",
      license: { name: "MIT", identifier: "MIT" },
    },
    // Without a public URL, relative: wherever this document was fetched from.
    servers: [publicUrl ? { url: publicUrl.replace(/\/+$/, ""), description: "This server (its public URL)" } : { url: "/", description: "This server" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A workspace token (or the admin token, to create workspaces)" } },
      schemas,
    },
    paths: {
      "/health": { get: { operationId: "health", summary: "Liveness", ...open, responses: { "200": { description: "OK" }, ...badPath } } },
      "/openapi.json": { get: { operationId: "openApi", summary: "This document", ...open, responses: { "200": { description: "OK" }, ...badPath } } },
      "/api/v1/workspaces": {
        post: {
          operationId: "createWorkspace",
          summary: "Create a workspace (admin token)",
          requestBody: json({ type: "object", required: ["name"], properties: { name: { type: "string" } } }),
          responses: { "201": { description: "Created; the token is shown this once", ...json(ref("Workspace")) }, ...errors },
        },
      },
      "/api/v1/catalog": {
        get: {
          operationId: "getCatalog",
          summary: "Every connector with its auth variants, their fields and the scopes it can grant: build your own connect form from it",
          responses: { "200": { description: "OK", ...json({ type: "object", properties: { data: { type: "array", items: ref("CatalogEntry") } } }) }, ...errors },
        },
      },
      "/api/v1/connect-sessions": {
        post: {
          operationId: "createConnectSession",
          summary: "A single-use, expiring connect link for one of your users (default 30 minutes)",
          requestBody: json(ref("ConnectSessionInput")),
          responses: { "201": { description: "Send the user's browser to url", ...json(ref("ConnectSession")) }, "404": error("connector_id is not this user's account"), ...errors },
        },
      },
      "/api/v1/integrations/connectors": {
        post: { operationId: "createConnector", summary: "Connect an account", requestBody: json(accountInput), responses: { "201": { description: "Connected", ...json(ref("Connector")) }, ...errors } },
        get: {
          operationId: "listConnectors",
          summary: "List connected accounts",
          parameters: [userFilter],
          responses: { "200": { description: "OK", ...json({ type: "object", properties: { data: { type: "array", items: ref("Connector") } } }) }, ...errors },
        },
      },
      "/api/v1/integrations/connectors/{id}": {
        parameters: [idParam],
        get: { operationId: "getConnector", summary: "One connected account and what its scope allows", responses: { "200": { description: "OK", ...json(ref("Connector")) }, "404": notHere, ...errors } },
        patch: {
          operationId: "updateConnector",
          summary: "Rotate credentials or change scopes",
          requestBody: json({ type: "object", additionalProperties: false, properties: { name: {}, credentials: {}, auth_variant: {}, scopes: {}, read_only: {} } }),
          responses: { "200": { description: "Changed", ...json(ref("Connector")) }, "404": notHere, "409": error("Revoked"), ...errors },
        },
        delete: { operationId: "revokeConnector", summary: "Revoke: the stored credential is destroyed", responses: { "200": { description: "Revoked", ...json(ref("Connector")) }, "404": notHere, ...errors } },
      },
      "/api/v1/integrations/connectors/{id}/oauth/start": {
        parameters: [idParam],
        post: {
          operationId: "startOAuth",
          summary: "Start the OAuth connect flow: the provider's authorize URL with a single-use state",
          responses: {
            "200": { description: "Send the user's browser to authorize_url", ...json({ type: "object", properties: { authorize_url: { type: "string" }, expires_at: { type: "string" } } }) },
            ...errors,
          },
        },
      },
      "/oauth/callback": {
        get: {
          operationId: "oauthCallback",
          summary: "Where the provider sends the browser back: exchanges the code, activates the connector (the state is the credential); a flow a connect page started goes back to that page",
          ...open,
          parameters: [
            { name: "state", in: "query", required: true, schema: { type: "string" } },
            ...["code", "error"].map((name) => ({ name, in: "query", schema: { type: "string" } })),
          ],
          responses: {
            "200": { description: "Connected, or still pending with the accounts to choose from" },
            "303": { description: "A connect page's flow: back to the page" },
            "409": error("The account was revoked meanwhile"),
            "410": error("The state expired"),
            ...badPath,
          },
        },
      },
      "/api/v1/integrations/connectors/{id}/execute": {
        parameters: [idParam],
        post: {
          operationId: "execute",
          summary: "Run one action with this account's credentials, within the server's deadline (--execute-timeout); one audit row per request",
          requestBody: json(ref("ExecuteInput")),
          responses: {
            "200": { description: "The result", ...json(ref("ExecuteResult")) },
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
          operationId: "runScript",
          summary: "Code mode: run a JavaScript program against this account (body of an async function; return the answer); one audit row per call plus one for the script",
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
            "429": error("The workspace's request limit, or the server's scripts at once (CONNECTORS_MAX_SCRIPTS) all running: try again after Retry-After"),
          },
        },
      },
      "/api/v1/mcp-tokens": {
        post: {
          operationId: "createMcpToken",
          summary: "Create a user's MCP bearer token (connectors mcp --database): it reaches that user's active connected accounts in this workspace",
          requestBody: json({ type: "object", required: ["user_id"], additionalProperties: false, properties: { user_id: { type: "string" }, name: { type: "string" } } }),
          responses: { "201": { description: "Created; the token is shown this once", ...json(ref("McpToken")) }, ...errors },
        },
        get: {
          operationId: "listMcpTokens",
          summary: "List MCP tokens (never their values)",
          parameters: [userFilter],
          responses: { "200": { description: "OK", ...json({ type: "object", properties: { data: { type: "array", items: ref("McpToken") } } }) }, ...errors },
        },
      },
      "/api/v1/mcp-tokens/{id}": {
        parameters: [idParam],
        delete: { operationId: "revokeMcpToken", summary: "Revoke an MCP token: its next request gets 401", responses: { "200": { description: "Revoked", ...json(ref("McpToken")) }, "404": notHere, ...errors } },
      },
      "/api/v1/audit": {
        get: {
          operationId: "listAudit",
          summary: "Execute calls, oldest first",
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
}
