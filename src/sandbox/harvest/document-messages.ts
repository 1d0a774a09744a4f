/** What invoice and estimate messages share: state events, recipients, sending, and the prefilled subject and body. */
import { documentTotals } from "./billing.js";
import { isoSeconds } from "./dates.js";
import { unprocessable } from "./errors.js";
import { requireValid } from "./guards.js";
import type { BillingDocument, Recipient, UserRow } from "./model.js";
import { isPlainObject, type FieldSpec } from "./params.js";
import { fullName } from "./refs.js";
import type { Store } from "./store.js";

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

/** The body fields every document message accepts first: an event, or recipients with an optional subject and body. */
export function messageFields(events: Record<string, unknown>): FieldSpec[] {
  return [
    { name: "event_type", type: "string", oneOf: Object.keys(events) },
    { name: "recipients", type: "array" },
    { name: "subject", type: "string" },
    { name: "body", type: "string" },
  ];
}

interface OutgoingMessage {
  sent_by: string;
  sent_by_email: string;
  sent_from: string;
  sent_from_email: string;
  event_type: string | null;
  recipients: Recipient[];
  subject: string | null;
  body: string | null;
  send_me_a_copy: boolean;
}

/** A new message by the authenticated user, before the request's fields: no event, recipients, subject or body yet. */
export function newMessage(me: UserRow): OutgoingMessage {
  return {
    sent_by: fullName(me),
    sent_by_email: me.email,
    sent_from: fullName(me),
    sent_from_email: me.email,
    recipients: [],
    subject: null,
    body: null,
    send_me_a_copy: false,
    event_type: null,
  };
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
