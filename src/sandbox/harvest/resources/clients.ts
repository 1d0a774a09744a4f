/** Clients and their contacts. */
import { randomBytes } from "node:crypto";
import { byField, isActive, updatedSince } from "../filters.js";
import { isCurrencyCode, requireUnique, requireValid } from "../guards.js";
import type { ClientRow, ContactRow } from "../model.js";
import { clientRef } from "../refs.js";
import { accountList, defineResource, pick } from "../resource.js";

export const DEFAULT_CURRENCY = "USD";

const CLIENT_FIELDS = ["id", "name", "is_active", "address", "statement_key", "created_at", "updated_at", "currency"] as const;

export const clients = defineResource({
  ...accountList("clients"),
  filters: [isActive<ClientRow>(), updatedSince<ClientRow>()],
  fields: [
    { name: "name", type: "string", required: true },
    { name: "is_active", type: "bool" },
    { name: "address", type: "string" },
    { name: "currency", type: "string" },
  ],
  defaults: () => ({
    name: "",
    is_active: true,
    address: null,
    statement_key: randomBytes(16).toString("hex"),
    currency: DEFAULT_CURRENCY,
  }),
  prepare(client, _input, ctx) {
    requireUnique(ctx.store, "clients", client, "name");
    requireValid(isCurrencyCode(client.currency), "currency must be an ISO 4217 code such as USD or EUR");
  },
  deleteGuard(client, { store }) {
    const used = (row: { client_id: number }) => row.client_id === client.id;
    if (store.some("projects", used) || store.some("invoices", used) || store.some("estimates", used)) {
      return "Client has projects, invoices or estimates and cannot be deleted; archive it instead (is_active: false)";
    }
    return undefined;
  },
  afterDelete(client, { store }) {
    store.removeWhere("contacts", (contact) => contact.client_id === client.id);
  },
  present: (client) => pick(client, CLIENT_FIELDS),
});

const CONTACT_FIELDS = ["id", "title", "first_name", "last_name", "email", "phone_office", "phone_mobile", "fax", "created_at", "updated_at"] as const;

export const contacts = defineResource({
  ...accountList("contacts"),
  filters: [byField<ContactRow>("client_id"), updatedSince<ContactRow>()],
  fields: [
    { name: "client_id", type: "int", required: true, ref: "clients" },
    { name: "title", type: "string" },
    { name: "first_name", type: "string", required: true },
    { name: "last_name", type: "string" },
    { name: "email", type: "string" },
    { name: "phone_office", type: "string" },
    { name: "phone_mobile", type: "string" },
    { name: "fax", type: "string" },
  ],
  defaults: () => ({
    client_id: 0,
    title: null,
    first_name: "",
    last_name: null,
    email: null,
    phone_office: null,
    phone_mobile: null,
    fax: null,
  }),
  prepare(contact) {
    requireValid(contact.email === null || contact.email.includes("@"), "email is invalid");
  },
  present: (contact, { store }) => ({ ...pick(contact, CONTACT_FIELDS), client: clientRef(store, contact.client_id) }),
});
