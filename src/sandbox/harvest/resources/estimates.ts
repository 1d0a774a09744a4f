/** Estimates and their messages, which also carry the send/accept/decline/re-open events. */
import { DOCUMENT_FIELDS, newDocument, prepareDocument, presentAmounts, presentLineItem } from "../billing.js";
import { deliverMessage, messageFields, newMessage, type Transition } from "../document-messages.js";
import { byField, dateRange, stateIn, updatedSince } from "../filters.js";
import { requireValid } from "../guards.js";
import { ESTIMATE_STATES, type EstimateRow } from "../model.js";
import { clientRef, userRef } from "../refs.js";
import { appendedUnder, datedList, defineResource, pick } from "../resource.js";
import { today } from "../router.js";

type EstimateState = EstimateRow["state"];

const ESTIMATE_EVENTS: Record<string, Transition<EstimateState>> = {
  send: { from: ["draft"], to: "sent", stamps: { sent_at: true } },
  accept: { from: ["sent"], to: "accepted", stamps: { accepted_at: true } },
  decline: { from: ["sent"], to: "declined", stamps: { declined_at: true } },
  "re-open": { from: ["accepted", "declined"], to: "sent", stamps: { accepted_at: false, declined_at: false } },
};

export const estimates = defineResource({
  ...datedList("estimates", (estimate) => estimate.issue_date),
  filters: [
    byField<EstimateRow>("client_id"),
    updatedSince<EstimateRow>(),
    ...dateRange<EstimateRow>((estimate) => estimate.issue_date),
    stateIn<EstimateRow>(ESTIMATE_STATES),
  ],
  fields: [
    { name: "client_id", type: "int", required: true, ref: "clients" },
    ...DOCUMENT_FIELDS,
    { name: "line_items", type: "array", virtual: true },
  ],
  defaults: (ctx) => ({
    ...newDocument(ctx.store),
    state: "draft" as const,
    issue_date: today(ctx),
    sent_at: null,
    accepted_at: null,
    declined_at: null,
  }),
  prepare: (estimate, input, { store }) => prepareDocument("estimates", estimate, input, store),
  afterDelete(estimate, { store }) {
    store.removeWhere("estimate_messages", (message) => message.estimate_id === estimate.id);
    for (const invoice of store.where("invoices", (row) => row.estimate_id === estimate.id)) store.save("invoices", { ...invoice, estimate_id: null });
  },
  present: (estimate, { store }) => ({
    ...presentAmounts(estimate),
    ...pick(estimate, ["subject", "notes", "state", "issue_date", "sent_at", "created_at", "updated_at", "accepted_at", "declined_at", "currency"]),
    client: clientRef(store, estimate.client_id),
    creator: userRef(store, estimate.creator_id),
    line_items: estimate.line_items.map((item) => presentLineItem(store, item, false)),
  }),
});

const MESSAGE_FIELDS = [
  "id", "sent_by", "sent_by_email", "sent_from", "sent_from_email", "send_me_a_copy", "created_at", "updated_at", "recipients",
  "event_type", "subject", "body",
] as const;

export const estimateMessages = defineResource({
  ...appendedUnder("estimate_messages", "estimates", "estimate_id", "messages"),
  fields: [...messageFields(ESTIMATE_EVENTS), { name: "send_me_a_copy", type: "bool" }],
  defaults: ({ store }) => ({ estimate_id: 0, ...newMessage(store.me) }),
  prepare(message, _input, { store, now }) {
    const estimate = store.find("estimates", message.estimate_id)!;
    // estimates have no "copy to myself only" sending: recipients are required
    requireValid(message.event_type !== null || (Array.isArray(message.recipients) && message.recipients.length > 0), "recipients can't be blank");
    return deliverMessage(message, estimate, ESTIMATE_EVENTS, { store, now: now(), title: "Estimate", variant: null, save: (doc) => store.save("estimates", doc) });
  },
  present: (message) => pick(message, MESSAGE_FIELDS),
});
