/** What invoices and estimates share: line items, amounts, numbering, messages and state events. */
import { isoSeconds } from "./dates.js";
import { unprocessable } from "./errors.js";
import { requireValid } from "./guards.js";
import { round2, sum } from "./math.js";
import type { BillingDocument, LineItem, Recipient, UserRow } from "./model.js";
import { isPlainObject, readInput, type FieldSpec, type Input } from "./params.js";
import { fullName, projectRef } from "./refs.js";
import type { Store } from "./store.js";

type DocumentCollection = "invoices" | "estimates";

const LINE_ITEM_FIELDS: readonly FieldSpec[] = [
  { name: "id", type: "int" },
  { name: "project_id", type: "int", ref: "projects" },
  { name: "kind", type: "string", required: true },
  { name: "description", type: "string" },
  { name: "quantity", type: "number" },
  { name: "unit_price", type: "number", required: true },
  { name: "taxed", type: "bool" },
  { name: "taxed2", type: "bool" },
  { name: "_destroy", type: "bool" },
];

const CATEGORIES = { invoices: "invoice_item_categories", estimates: "estimate_item_categories" } as const;

/**
 * Applies `line_items` parameters like Harvest: entries with an id update that line item (or remove
 * it with `_destroy: true`), entries without one are added. `kind` must name an item category.
 */
export function mergeLineItems(collection: DocumentCollection, current: readonly LineItem[], raw: unknown, store: Store): LineItem[] {
  if (!Array.isArray(raw)) throw unprocessable("line_items must be an array");
  const fields = collection === "invoices" ? LINE_ITEM_FIELDS : LINE_ITEM_FIELDS.filter((field) => field.name !== "project_id");
  const kinds = store.all(CATEGORIES[collection]).map((category) => category.name);
  let items = current.map((item) => ({ ...item }));
  raw.forEach((value: unknown, index) => {
    const prefix = `line_items[${index}].`;
    requireValid(isPlainObject(value), `line_items[${index}] must be an object`);
    const creating = (value as Input).id === undefined || (value as Input).id === null;
    const { id, _destroy, ...changes } = readInput(fields, value as Input, store, { creating, prefix });
    if (changes.kind !== undefined && !kinds.includes(changes.kind as string)) {
      throw unprocessable(`${prefix}kind must be the name of an item category: ${kinds.join(", ")}`);
    }
    if (creating) {
      const defaults = { description: null, quantity: 1, taxed: false, taxed2: false, project_id: null };
      items.push({ ...defaults, ...changes, id: store.nextLineItemId() } as LineItem);
      return;
    }
    const target = items.find((item) => item.id === id);
    if (!target) throw unprocessable(`${prefix}id ${String(id)} does not match any line item of this ${collection.slice(0, -1)}`);
    items = _destroy === true ? items.filter((item) => item !== target) : items.map((item) => (item === target ? { ...item, ...changes } : item));
  });
  return items;
}

const lineAmount = (item: LineItem) => round2(item.quantity * item.unit_price);

/** Harvest's arithmetic: the discount comes off the subtotal, taxes apply to the discounted taxed lines. */
export function documentTotals(doc: BillingDocument): { amount: number; tax_amount: number; tax2_amount: number; discount_amount: number } {
  const subtotal = sum(doc.line_items.map(lineAmount));
  const kept = 1 - (doc.discount ?? 0) / 100;
  const taxOn = (taxed: "taxed" | "taxed2", rate: number | null) =>
    round2(sum(doc.line_items.filter((item) => item[taxed]).map(lineAmount)) * kept * ((rate ?? 0) / 100));
  const discount_amount = round2(subtotal * ((doc.discount ?? 0) / 100));
  const tax_amount = taxOn("taxed", doc.tax);
  const tax2_amount = taxOn("taxed2", doc.tax2);
  return { amount: round2(subtotal - discount_amount + tax_amount + tax2_amount), tax_amount, tax2_amount, discount_amount };
}

export function presentLineItem(store: Store, item: LineItem, withProject: boolean): Record<string, unknown> {
  const { id, kind, description, quantity, unit_price, taxed, taxed2 } = item;
  const shown = { id, kind, description, quantity, unit_price, amount: lineAmount(item), taxed, taxed2 };
  return withProject ? { ...shown, project: projectRef(store, item.project_id) } : shown;
}

/** Number, currency and line items: the rules invoices and estimates share on create and update. */
export function prepareDocument(collection: DocumentCollection, doc: BillingDocument, input: Input, store: Store): void {
  if (!doc.number) {
    const numbers = store.all(collection).map((other) => Number(other.number)).filter(Number.isFinite);
    doc.number = String(Math.max(1000, ...numbers) + 1);
  }
  requireValid(!store.some(collection, (other) => other.id !== doc.id && other.number === doc.number), "number has already been taken");
  if (!doc.currency) doc.currency = store.find("clients", doc.client_id)!.currency;
  if ("line_items" in input) doc.line_items = mergeLineItems(collection, doc.line_items, input.line_items, store);
}

/** A document event (send, close, accept, ...): the states it applies from, the state it leads to, and the fields it sets. */
export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  /** Timestamp fields the event sets to now (true) or clears (false). */
  stamps: Record<string, boolean>;
}

export function applyEvent<S extends string, D extends BillingDocument & { state: S }>(
  doc: D,
  transitions: Record<string, Transition<S>>,
  event: string,
  now: Date,
): D {
  const transition = transitions[event]!;
  if (!transition.from.includes(doc.state)) {
    throw unprocessable(`event_type ${event} is not allowed for a ${doc.state} ${"due_date" in doc ? "invoice" : "estimate"}`);
  }
  const stamp = isoSeconds(now);
  const stamps = Object.fromEntries(Object.entries(transition.stamps).map(([field, set]) => [field, set ? stamp : null]));
  return { ...doc, state: transition.to, ...stamps, updated_at: stamp };
}

/** Validated message recipients: objects with an email and an optional name. */
export function readRecipients(raw: unknown): Recipient[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((value: unknown, index) => {
    const recipient = isPlainObject(value) ? value : {};
    const email = recipient.email;
    requireValid(typeof email === "string" && email.includes("@"), `recipients[${index}].email can't be blank`);
    return { name: typeof recipient.name === "string" ? recipient.name : null, email: email as string };
  });
}

interface OutgoingMessage {
  event_type: string | null;
  recipients: Recipient[];
  subject: string | null;
  body: string | null;
  send_me_a_copy: boolean;
}

/**
 * A new document message: with an event_type it only changes the document's state; without one it
 * is sent (to at least one recipient or a copy to oneself), filled from the template, and a draft
 * document becomes sent. Returns the document change to commit once the message is saved.
 */
export function deliverMessage<S extends string, D extends BillingDocument & { state: S }>(
  message: OutgoingMessage,
  doc: D,
  events: Record<string, Transition<S>>,
  context: { store: Store; now: Date; title: "Invoice" | "Estimate"; variant: "thank_you" | null; save(doc: D): void },
): (() => void) | undefined {
  message.recipients = readRecipients(message.recipients);
  let changed: D | undefined;
  if (message.event_type !== null) {
    changed = applyEvent(doc, events, message.event_type, context.now);
  } else {
    requireValid(message.recipients.length > 0 || message.send_me_a_copy, "recipients can't be blank");
    const template = messageTemplate(context.store, doc, context.title, context.variant);
    message.subject ??= template.subject;
    message.body ??= template.body;
    if (doc.state === "draft") changed = applyEvent(doc, events, "send", context.now);
  }
  return changed && (() => context.save(changed));
}

/** Who a message is sent by: the authenticated user. */
export function sender(me: UserRow): { sent_by: string; sent_by_email: string; sent_from: string; sent_from_email: string } {
  return { sent_by: fullName(me), sent_by_email: me.email, sent_from: fullName(me), sent_from_email: me.email };
}

/** The subject and body Harvest would prefill for a document message. */
export function messageTemplate(
  store: Store,
  doc: BillingDocument,
  title: "Invoice" | "Estimate",
  variant: "reminder" | "thank_you" | null,
): { subject: string; body: string } {
  const company = store.company.name;
  const client = store.find("clients", doc.client_id)?.name ?? "";
  const amount = `${documentTotals(doc).amount.toFixed(2)} ${doc.currency}`;
  const subjects = {
    reminder: `Past due invoice reminder: #${doc.number} from ${company}`,
    thank_you: `Thank you for your payment: ${title} #${doc.number} from ${company}`,
    none: `${title} #${doc.number} from ${company}`,
  };
  const body = [
    "---------------------------------------------",
    `${title} Summary`,
    "---------------------------------------------",
    `${title} ID: ${doc.number}`,
    `Client: ${client}`,
    `Amount: ${amount}`,
    "",
    variant === "thank_you" ? "Thank you for your payment!" : variant === "reminder" ? "This is a friendly reminder that this invoice is past due." : "Thank you!",
    "---------------------------------------------",
  ].join("\r\n");
  return { subject: subjects[variant ?? "none"], body };
}
