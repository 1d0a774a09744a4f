/** The OpenAPI document's component schemas: what the hosted API's routes take and answer. */
import { connectedQuery } from "./pages/connect-view.js";

const string = { type: "string" } as const;
const strings = { type: "array", items: string } as const;
const nullableStrings = { type: ["array", "null"], items: string } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const catalogField = {
  type: "object",
  properties: {
    name: string,
    label: string,
    secret: { type: "boolean", description: "Show it as a password input; it is never shown back" },
    optional: { type: "boolean" },
    description: string,
    supplied_by: { enum: ["user", "oauth_client", "oauth_flow"], description: "Who fills it: the user in a form, the server's OAuth application, or the OAuth flow" },
  },
};

export const schemas = {
  Error: { type: "object", properties: { error: { type: "object", required: ["code", "message"], properties: { code: string, message: string } } } },
  Workspace: { type: "object", properties: { id: string, name: string, created_at: string, token: { type: "string", description: "Shown once" } } },
  Connector: {
    type: "object",
    properties: {
      id: string,
      workspace_id: string,
      connector_type: string,
      name: string,
      user_id: string,
      account: string,
      auth_variant: string,
      scopes: nullableStrings,
      read_only: { type: "boolean" },
      status: { enum: ["pending", "active", "needs_reauth", "revoked"], description: "needs_reauth: the upstream refused its credentials; reconnect it (PATCH credentials, a connect link, or the OAuth flow)" },
      created_at: string,
      updated_at: string,
      allowed: { type: "object", additionalProperties: strings, description: "entity -> actions the scope allows" },
    },
  },
  McpToken: {
    type: "object",
    properties: {
      id: string,
      workspace_id: string,
      user_id: string,
      name: { type: ["string", "null"] },
      created_at: string,
      token: { type: "string", description: "Only in the answer to POST, shown this once; stored only as a hash" },
    },
  },
  AuditRow: {
    type: "object",
    properties: {
      id: { type: "integer" },
      time: string,
      workspace_id: string,
      user_id: string,
      connector_id: string,
      connector_type: string,
      entity: string,
      action: string,
      outcome: { type: "string", description: "ok, or the error code (E_TIMEOUT past the server's deadline, E_CANCELLED when the client left)" },
      reason: { type: ["string", "null"], description: "For E_AUTH: why the credentials were refused (invalid, revoked, ...)" },
      upstream_status: { type: ["integer", "null"] },
      duration_ms: { type: "integer" },
      cost: { type: ["number", "null"] },
      params: { description: "Redacted: ids, dates, numbers, booleans and short codes kept; free text and secrets are [redacted]" },
    },
  },
  CatalogEntry: {
    type: "object",
    properties: {
      name: string,
      title: string,
      description: string,
      docs_url: string,
      auth: {
        type: "array",
        items: {
          type: "object",
          properties: {
            name: string,
            label: string,
            description: string,
            flow: { enum: ["oauth", "form"], description: "oauth: a Connect with <title> button; form: the user types the fields" },
            available: { type: "boolean", description: "Whether this server's connect pages offer it (an OAuth flow needs the server's OAuth application)" },
            fields: { type: "array", items: catalogField },
          },
        },
      },
      scopes: {
        type: "array",
        items: {
          type: "object",
          properties: {
            entity: string,
            description: string,
            actions: { type: "array", items: { type: "object", properties: { scope: { type: "string", examples: ["time_entries.list"] }, description: string, read_only: { type: "boolean" } } } },
          },
        },
      },
      connection_test: { type: "string", description: "The read-only action a connect page runs with new credentials before saving them" },
    },
  },
  ConnectSessionInput: {
    type: "object",
    required: ["user_id"],
    additionalProperties: false,
    properties: {
      user_id: { type: "string", description: "Your identifier for the end user" },
      connectors: { ...strings, description: "Connector types offered (default: every one)" },
      scopes: { ...strings, description: "entity.action patterns granted to the account, checked in every connector offered" },
      read_only: { type: "boolean", default: false },
      redirect_url: { type: "string", format: "uri", description: `Where the page sends the browser once connected, with ?${new URLSearchParams(connectedQuery("<id>"))} (the connected account's id)` },
      connector_id: { type: "string", description: "Reconnect this account of the user (e.g. one that needs_reauth) instead of adding one" },
    },
  },
  ConnectSession: {
    type: "object",
    properties: {
      id: string,
      url: { type: "string", description: "Send the user's browser here; it opens once" },
      expires_at: { type: "string", format: "date-time" },
    },
  },
  ExecuteInput: {
    type: "object",
    required: ["entity", "action"],
    additionalProperties: false,
    properties: {
      entity: { type: "string", examples: ["time_entries"] },
      action: { type: "string", examples: ["list"] },
      params: {
        type: "object",
        description: "The action's params by name, checked against its JSON Schema (connectors describe <name>, or the connector's REFERENCE.md)",
        examples: [{ from: "2026-06-01", to: "2026-06-30" }],
      },
      options: {
        type: "object",
        additionalProperties: false,
        properties: {
          all: { type: "boolean", description: "Walk every page" },
          limit: { type: "integer", minimum: 1, description: "Stop after this many records" },
          cursor: { type: "string", description: "meta.cursor of an earlier result: go on exactly after its last record" },
          fields: { description: "Keep only these fields of each record (dotted paths)", oneOf: [string, strings] },
          budget: { type: "number", minimum: 0, description: "Refuse (402) a call whose estimated cost is above this" },
          preflight: { type: "boolean", description: "Check the account's balance covers the estimate first" },
        },
      },
    },
  },
  ExecuteResult: {
    type: "object",
    properties: {
      result: {
        type: "object",
        required: ["data", "meta"],
        properties: {
          data: { description: "The record (an object), or for list actions the records (an array)" },
          meta: {
            type: "object",
            properties: {
              connector: string,
              entity: string,
              action: string,
              status: { type: "integer", description: "The API's HTTP status" },
              request_id: string,
              duration_ms: { type: "integer" },
              has_more: { type: "boolean", description: "Lists: whether records remain" },
              cursor: { type: "string", description: "Lists: pass it back as options.cursor to go on" },
              total: { type: "integer" },
              total_pages: { type: "integer" },
              pages: { type: "integer" },
              cost: { type: "number", description: "What the call spent, for actions that cost money" },
              billed_by: string,
            },
          },
        },
      },
    },
  },
};

export { ref };
