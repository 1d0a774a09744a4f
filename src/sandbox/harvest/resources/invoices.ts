/** Invoices with their messages (which also carry state events) and payments. */
import { DOCUMENT_FIELDS, documentTotals, newDocument, prepareDocument, presentAmounts, presentLineItem } from "../billing.js";
import { addDays, isoSeconds } from "../dates.js";
import { deliverMessage, messageFields, messageTemplate, newMessage, type Transition } from "../document-messages.js";
import { notFound } from "../errors.js";
import { byField, dateRange, stateIn, updatedSince } from "../filters.js";
import { requireValid } from "../guards.js";
import { importLineItems } from "../invoice-import.js";
import { round2, sum } from "../math.js";
import { INVOICE_STATES, PAYMENT_TERMS, type InvoiceMessageRow, type InvoiceRow, type Row, type UserRow } from "../model.js";
import { readQuery, type Input } from "../params.js";
import { clientRef, fullName, userRef } from "../refs.js";
import { appendedUnder, datedList, defineResource, pick } from "../resource.js";
import { idParam, timestamp, today, type HandlerContext, type Route } from "../router.js";
import type { Store } from "../store.js";

type InvoiceState = InvoiceRow["state"];

const TERM_DAYS: Record<string, number> = { "upon receipt": 0, "net 15": 15, "net 30": 30, "net 45": 45, "net 60": 60 };

const PAYMENT_OPTIONS = ["ach", "credit_card", "paypal"];

/** Events a message can carry (POST /invoices/{id}/messages with event_type). */
const INVOICE_EVENTS: Record<string, Transition<InvoiceState>> = {
  send: { from: ["draft"], to: "open", stamps: { sent_at: true } },
  close: { from: ["open"], to: "closed", stamps: { closed_at: true } },
  "re-open": { from: ["closed"], to: "open", stamps: { closed_at: false } },
  draft: { from: ["open"], to: "draft", stamps: { sent_at: false } },
};

/** Unless custom, the payment term decides the due date; a custom term keeps the given date or the issue date. */
function dueDate(invoice: InvoiceRow, input: Input, existing: InvoiceRow | undefined): string {
  if (invoice.payment_term !== "custom") return addDays(invoice.issue_date, TERM_DAYS[invoice.payment_term]!);
  return "due_date" in input || existing ? invoice.due_date : invoice.issue_date;
}

/** After payments change: fully paid invoices become paid, others (re)open. */
export function settlePayments(store: Store, invoiceId: number, now: Date): void {
  const invoice = store.find("invoices", invoiceId);
  if (!invoice) return;
  const payments = store.where("invoice_payments", (payment) => payment.invoice_id === invoiceId);
  const paid = sum(payments.map((payment) => payment.amount));
  const latest = payments.sort((a, b) => a.paid_at.localeCompare(b.paid_at)).at(-1);
  const stamp = isoSeconds(now);
  if (latest && paid >= documentTotals(invoice).amount) {
    store.save("invoices", { ...invoice, state: "paid", paid_at: latest.paid_at, paid_date: latest.paid_date, updated_at: stamp });
  } else if (invoice.state === "paid" || (invoice.state === "draft" && latest)) {
    store.save("invoices", { ...invoice, state: "open", paid_at: null, paid_date: null, sent_at: invoice.sent_at ?? stamp, updated_at: stamp });
  }
}

const paidTotal = (store: Store, invoice: InvoiceRow) =>
  sum(store.where("invoice_payments", (payment) => payment.invoice_id === invoice.id).map((payment) => payment.amount));

function presentInvoice(invoice: InvoiceRow, { store }: HandlerContext): Record<string, unknown> {
  const dueAmount = (amount: number) => (invoice.state === "closed" ? 0 : Math.max(0, round2(amount - paidTotal(store, invoice))));
  return {
    ...presentAmounts(invoice, dueAmount),
    ...pick(invoice, [
      "subject", "notes", "state", "period_start", "period_end", "issue_date", "due_date", "payment_term", "sent_at", "paid_at",
      "paid_date", "closed_at", "recurring_invoice_id", "created_at", "updated_at", "currency", "payment_options",
    ]),
    client: clientRef(store, invoice.client_id),
    estimate: invoice.estimate_id === null ? null : { id: invoice.estimate_id },
    retainer: invoice.retainer_id === null ? null : { id: invoice.retainer_id },
    creator: userRef(store, invoice.creator_id),
    line_items: invoice.line_items.map((item) => presentLineItem(store, item, true)),
  };
}

export const invoices = defineResource({
  ...datedList("invoices", (invoice) => invoice.issue_date),
  defaultPerPage: 100,
  filters: [
    byField<InvoiceRow>("client_id"),
    { param: "project_id", type: "int", test: (invoice, id) => invoice.line_items.some((item) => item.project_id === id) },
    updatedSince<InvoiceRow>(),
    ...dateRange<InvoiceRow>((invoice) => invoice.issue_date),
    stateIn<InvoiceRow>(INVOICE_STATES),
  ],
  fields: [
    { name: "client_id", type: "int", required: true, ref: "clients" },
    { name: "estimate_id", type: "int", ref: "estimates" },
    { name: "retainer_id", type: "int" },
    ...DOCUMENT_FIELDS,
    { name: "due_date", type: "date" },
    { name: "payment_term", type: "string", oneOf: PAYMENT_TERMS },
    { name: "payment_options", type: "string[]" },
    { name: "line_items", type: "array", virtual: true },
    { name: "line_items_import", type: "object", createOnly: true, virtual: true },
  ],
  defaults: (ctx) => ({
    ...newDocument(ctx.store),
    estimate_id: null,
    retainer_id: null,
    state: "draft" as const,
    period_start: null,
    period_end: null,
    issue_date: today(ctx),
    due_date: "",
    payment_term: "custom" as const,
    payment_options: [],
    sent_at: null,
    paid_at: null,
    paid_date: null,
    closed_at: null,
    recurring_invoice_id: null,
  }),
  prepare(invoice, input, { store }, existing) {
    prepareDocument("invoices", invoice, input, store);
    const unknown = invoice.payment_options.find((option) => !PAYMENT_OPTIONS.includes(option));
    requireValid(unknown === undefined, `payment_options must be among: ${PAYMENT_OPTIONS.join(", ")}`);
    invoice.due_date = dueDate(invoice, input, existing);
    if (!input.line_items_import) return undefined;
    const imported = importLineItems(store, invoice, input.line_items_import as Input);
    invoice.line_items = [...invoice.line_items, ...imported.items];
    invoice.period_start = imported.period_start;
    invoice.period_end = imported.period_end;
    return imported.commit;
  },
  afterDelete(invoice, { store }) {
    const unlocked = { invoice_id: null, is_locked: false, locked_reason: null };
    for (const entry of store.where("time_entries", (row) => row.invoice_id === invoice.id)) store.save("time_entries", { ...entry, ...unlocked });
    for (const expense of store.where("expenses", (row) => row.invoice_id === invoice.id)) store.save("expenses", { ...expense, ...unlocked });
    const own = (row: { invoice_id: number }) => row.invoice_id === invoice.id;
    store.removeWhere("invoice_messages", own);
    store.removeWhere("invoice_payments", own);
  },
  present: presentInvoice,
});

const MESSAGE_FIELDS = [
  "id", "sent_by", "sent_by_email", "sent_from", "sent_from_email", "include_link_to_client_invoice", "send_me_a_copy",
  "thank_you", "reminder", "send_reminder_on", "created_at", "updated_at", "attach_pdf", "event_type", "recipients", "subject", "body",
] as const;

/** A new invoice message by the authenticated user, before the request's fields. */
export function newInvoiceMessage(me: UserRow): Omit<InvoiceMessageRow, keyof Row | "invoice_id"> {
  return {
    ...newMessage(me),
    include_link_to_client_invoice: false,
    attach_pdf: false,
    thank_you: false,
    reminder: false,
    send_reminder_on: null,
  };
}

export const invoiceMessages = defineResource({
  ...appendedUnder("invoice_messages", "invoices", "invoice_id", "messages"),
  fields: [
    ...messageFields(INVOICE_EVENTS),
    { name: "include_link_to_client_invoice", type: "bool" },
    { name: "attach_pdf", type: "bool" },
    { name: "send_me_a_copy", type: "bool" },
    { name: "thank_you", type: "bool" },
  ],
  defaults: ({ store }) => ({ invoice_id: 0, ...newInvoiceMessage(store.me) }),
  prepare(message, _input, { store, now }) {
    const invoice = store.find("invoices", message.invoice_id)!;
    const variant = message.thank_you ? "thank_you" : null;
    return deliverMessage(message, invoice, INVOICE_EVENTS, { store, now: now(), title: "Invoice", variant, save: (doc) => store.save("invoices", doc) });
  },
  present: (message) => pick(message, MESSAGE_FIELDS),
});

/** GET /invoices/{id}/messages/new: the prefilled subject and body, without creating a message. */
export const invoiceMessageTemplateRoute: Route = {
  method: "GET",
  pattern: "/invoices/:invoice_id/messages/new",
  handler(ctx) {
    const invoice = ctx.store.find("invoices", idParam(ctx, "invoice_id"));
    if (!invoice) throw notFound();
    const thankYou = readQuery(ctx.query, "thank_you", "bool") === true;
    const reminder = !thankYou && readQuery(ctx.query, "reminder", "bool") === true;
    const template = messageTemplate(ctx.store, invoice, "Invoice", thankYou ? "thank_you" : reminder ? "reminder" : null);
    return { status: 200, body: { invoice_id: invoice.id, ...template, reminder, thank_you: thankYou } };
  },
};

const PAYMENT_FIELDS = [
  "id", "amount", "paid_at", "paid_date", "recorded_by", "recorded_by_email", "notes", "transaction_id", "created_at", "updated_at",
  "payment_gateway",
] as const;

export const invoicePayments = defineResource({
  ...appendedUnder("invoice_payments", "invoices", "invoice_id", "payments"),
  fields: [
    { name: "amount", type: "number", required: true },
    { name: "paid_at", type: "datetime" },
    { name: "paid_date", type: "date" },
    { name: "notes", type: "string" },
    { name: "send_thank_you", type: "bool", virtual: true },
  ],
  defaults: (ctx) => ({
    invoice_id: 0,
    amount: 0,
    paid_at: timestamp(ctx),
    paid_date: today(ctx),
    recorded_by: fullName(ctx.store.me),
    recorded_by_email: ctx.store.me.email,
    notes: null,
    transaction_id: null,
    payment_gateway: { id: null, name: null },
  }),
  prepare(payment, input, ctx) {
    requireValid(!("paid_at" in input && "paid_date" in input), "Pass either paid_at or paid_date, but not both");
    requireValid(payment.amount > 0, "amount must be greater than 0");
    if ("paid_at" in input) payment.paid_date = payment.paid_at.slice(0, 10);
    else if ("paid_date" in input) payment.paid_at = `${payment.paid_date}T00:00:00Z`;
    return () => settlePayments(ctx.store, payment.invoice_id, ctx.now());
  },
  afterDelete: (payment, ctx) => settlePayments(ctx.store, payment.invoice_id, ctx.now()),
  present: (payment) => pick(payment, PAYMENT_FIELDS),
});
