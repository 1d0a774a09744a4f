/**
 * Estimates, and monthly invoices built the way users build them in Harvest (importing the month's
 * uninvoiced time and expenses), in every state: paid, partly paid, open, draft and closed.
 */
import { documentTotals } from "../billing.js";
import { addDays } from "../dates.js";
import { messageTemplate, newMessage } from "../document-messages.js";
import { importLineItems } from "../invoice-import.js";
import { round2 } from "../math.js";
import type { EstimateRow, InvoiceRow, LineItem, ProjectRow, Recipient } from "../model.js";
import { fullName } from "../refs.js";
import { newInvoiceMessage, settlePayments } from "../resources/invoices.js";
import type { Store } from "../store.js";
import { insert, stamp, type SeedContext } from "./context.js";

/** A client's contact (the first one unless told) as a message recipient. */
export function contactRecipient(store: Store, clientId: number, position = 0): Recipient {
  const contact = store.where("contacts", (candidate) => candidate.client_id === clientId).sort((a, b) => a.id - b.id)[position]!;
  return { name: `${contact.first_name} ${contact.last_name ?? ""}`.trim(), email: contact.email! };
}

interface EstimateSeed {
  client: string;
  subject: string;
  state: EstimateRow["state"];
  issue_date: string;
  /** Days after sending that it was accepted or declined. */
  decidedAfter?: number;
  tax?: number;
  /** [description, quantity, unit price] */
  lines: [string, number, number][];
}

const ESTIMATES: EstimateSeed[] = [
  { client: "Northwind Traders", subject: "Website Redesign", state: "accepted", issue_date: "2025-11-20", decidedAfter: 5, lines: [["Design", 180, 120], ["Development", 300, 140], ["Project management", 60, 110]] },
  { client: "Globex Corporation", subject: "Data Platform Migration", state: "accepted", issue_date: "2025-12-15", decidedAfter: 7, lines: [["Migration engineering", 800, 145], ["Discovery workshop", 1, 4500]] },
  { client: "Umbrella Health", subject: "Compliance Audit (fixed fee)", state: "accepted", issue_date: "2026-02-02", decidedAfter: 7, lines: [["Compliance audit, fixed fee", 1, 18000]] },
  { client: "Initech GmbH", subject: "Support Retainer 2026", state: "declined", issue_date: "2026-03-10", decidedAfter: 14, tax: 19, lines: [["Monthly support retainer", 12, 3200]] },
  { client: "Northwind Traders", subject: "Mobile App Phase 2", state: "sent", issue_date: "2026-06-15", lines: [["Feature development", 420, 140], ["QA", 80, 100]] },
  { client: "Umbrella Health", subject: "Patient Portal Discovery", state: "draft", issue_date: "2026-06-26", lines: [["Discovery sprint", 2, 9500]] },
];

export function addEstimates(store: Store, ctx: SeedContext): void {
  const me = store.me;
  ESTIMATES.forEach((seed, index) => {
    const client = store.where("clients", (candidate) => candidate.name === seed.client)[0]!;
    const sent = seed.state === "draft" ? null : stamp(seed.issue_date, 900);
    const decided = seed.decidedAfter === undefined ? null : stamp(addDays(seed.issue_date, seed.decidedAfter), 780);
    const lineItems: LineItem[] = seed.lines.map(([description, quantity, unit_price]) => ({
      id: ctx.nextId("line_items"),
      kind: "Service",
      description,
      quantity,
      unit_price,
      taxed: seed.tax !== undefined,
      taxed2: false,
      project_id: null,
    }));
    const estimate = insert(store, ctx, "estimates", {
      client_id: client.id,
      creator_id: me.id,
      client_key: ctx.prng.hex(40),
      number: String(1001 + index),
      purchase_order: null,
      tax: seed.tax ?? null,
      tax2: null,
      discount: null,
      subject: seed.subject,
      notes: "Prices valid for 30 days.",
      currency: client.currency,
      line_items: lineItems,
      state: seed.state,
      issue_date: seed.issue_date,
      sent_at: sent,
      accepted_at: seed.state === "accepted" ? decided : null,
      declined_at: seed.state === "declined" ? decided : null,
      created_at: stamp(seed.issue_date, 540),
      updated_at: decided ?? sent ?? stamp(seed.issue_date, 540),
    });
    if (!sent) return;
    const message = { estimate_id: estimate.id, ...newMessage(me) };
    const template = messageTemplate(store, estimate, "Estimate", null);
    const recipients = [contactRecipient(store, client.id)];
    insert(store, ctx, "estimate_messages", { ...message, recipients, ...template, created_at: sent, updated_at: sent });
    if (!decided) return;
    const event = seed.state === "accepted" ? "accept" : "decline";
    insert(store, ctx, "estimate_messages", { ...message, event_type: event, created_at: decided, updated_at: decided });
  });
}

/** The month whose work is invoiced, and how its invoices end up. */
const INVOICED_MONTHS = [
  { month: "2026-01", name: "January", outcome: "paid" },
  { month: "2026-02", name: "February", outcome: "paid" },
  { month: "2026-03", name: "March", outcome: "paid" },
  { month: "2026-04", name: "April", outcome: "open" },
  { month: "2026-05", name: "May", outcome: "draft" },
] as const;

const lastDayOf = (month: string) => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);

function newInvoice(store: Store, ctx: SeedContext, project: ProjectRow, issueDate: string, subject: string): InvoiceRow {
  const client = store.find("clients", project.client_id)!;
  const created = stamp(issueDate, 600 + ctx.prng.int(0, 59));
  const european = client.currency === "EUR";
  return {
    id: ctx.nextId("invoices"),
    client_id: client.id,
    creator_id: store.meId,
    client_key: ctx.prng.hex(40),
    number: String(1001 + store.all("invoices").length),
    purchase_order: client.name.startsWith("Globex") ? `PO-${ctx.prng.int(4000, 4999)}` : null,
    tax: european ? 19 : null,
    tax2: null,
    discount: client.name.startsWith("Globex") ? 5 : null,
    subject,
    notes: "Thank you for your business.",
    currency: client.currency,
    line_items: [],
    estimate_id: null,
    retainer_id: null,
    state: "draft",
    period_start: null,
    period_end: null,
    issue_date: issueDate,
    due_date: european ? issueDate : addDays(issueDate, 30),
    payment_term: european ? "upon receipt" : "net 30",
    payment_options: ["credit_card", "ach"],
    sent_at: null,
    paid_at: null,
    paid_date: null,
    closed_at: null,
    recurring_invoice_id: null,
    created_at: created,
    updated_at: created,
  };
}

/** Sends the invoice (with its message) and, as planned, pays it fully or in part, or writes it off. */
function settle(store: Store, ctx: SeedContext, invoice: InvoiceRow, outcome: "paid" | "partly paid" | "open" | "closed" | "draft"): void {
  if (outcome === "draft") return;
  const sentAt = stamp(invoice.issue_date, 840);
  store.save("invoices", { ...invoice, state: "open", sent_at: sentAt, updated_at: sentAt });
  sendInvoiceMessage(store, ctx, invoice, sentAt, null);
  if (outcome === "closed") {
    const closedAt = stamp(addDays(invoice.issue_date, 45), 600);
    store.save("invoices", { ...store.find("invoices", invoice.id)!, state: "closed", closed_at: closedAt, updated_at: closedAt });
  }
  if (outcome !== "paid" && outcome !== "partly paid") return;
  const paidDate = addDays(invoice.issue_date, ctx.prng.int(9, 24));
  const total = documentTotals(invoice).amount;
  const [amount, notes] = outcome === "paid" ? [total, "Paid by bank transfer"] : [round2(total / 2), "First instalment"];
  recordPayment(store, ctx, invoice.id, { amount, paidDate, notes });
}

/** The invoice emailed to the client's first contact at that time: sent (variant null) or a past-due reminder. */
export function sendInvoiceMessage(store: Store, ctx: SeedContext, invoice: InvoiceRow, at: string, variant: "reminder" | null): void {
  insert(store, ctx, "invoice_messages", {
    ...newInvoiceMessage(store.me),
    invoice_id: invoice.id,
    recipients: [contactRecipient(store, invoice.client_id)],
    ...messageTemplate(store, invoice, "Invoice", variant),
    attach_pdf: true,
    reminder: variant === "reminder",
    created_at: at,
    updated_at: at,
  });
}

/** A payment recorded by the administrator on the day it arrived; the invoice becomes paid once fully paid. */
export function recordPayment(store: Store, ctx: SeedContext, invoiceId: number, payment: { amount: number; paidDate: string; notes: string }): void {
  const recordedAt = stamp(payment.paidDate, 660);
  insert(store, ctx, "invoice_payments", {
    invoice_id: invoiceId,
    amount: payment.amount,
    paid_at: `${payment.paidDate}T00:00:00Z`,
    paid_date: payment.paidDate,
    recorded_by: fullName(store.me),
    recorded_by_email: store.me.email,
    notes: payment.notes,
    transaction_id: null,
    payment_gateway: { id: null, name: null },
    created_at: recordedAt,
    updated_at: recordedAt,
  });
  settlePayments(store, invoiceId, new Date(recordedAt));
}

/** One invoice per billable hourly project and month of work, issued on the 1st of the next month. */
function addMonthlyInvoices(store: Store, ctx: SeedContext, { month, name, outcome }: (typeof INVOICED_MONTHS)[number]): void {
  const issueDate = addDays(lastDayOf(month), 1);
  const range = { from: `${month}-01`, to: lastDayOf(month) };
  const projects = store.where("projects", (project) => project.is_billable && !project.is_fixed_fee).sort((a, b) => a.id - b.id);
  let issued = 0;
  for (const project of projects) {
    const worked = store.some("time_entries", (entry) => entry.project_id === project.id && entry.billable && entry.spent_date.startsWith(month));
    if (!worked) continue;
    const invoice = newInvoice(store, ctx, project, issueDate, `${project.name}: ${name} 2026`);
    const imported = importLineItems(store, invoice, {
      project_ids: [project.id],
      time: { summary_type: "task", ...range },
      expenses: { summary_type: "category", ...range },
    });
    const taxed = invoice.tax !== null;
    invoice.line_items = imported.items.map((item) => ({ ...item, taxed }));
    Object.assign(invoice, { period_start: range.from, period_end: range.to });
    store.save("invoices", invoice);
    imported.commit();
    const written = project.name === "Legacy Support" && month === "2026-01";
    const planned = written ? "closed" : outcome === "open" && issued === 0 ? "partly paid" : outcome === "draft" && issued < 2 ? "open" : outcome;
    settle(store, ctx, invoice, planned);
    issued += 1;
  }
}

/** Half of the fixed-fee audit, invoiced at its first milestone and paid. */
function addMilestoneInvoice(store: Store, ctx: SeedContext): void {
  const project = store.where("projects", (candidate) => candidate.is_fixed_fee)[0]!;
  const estimate = store.where("estimates", (candidate) => candidate.client_id === project.client_id && candidate.state === "accepted")[0];
  const invoice = newInvoice(store, ctx, project, "2026-04-01", `${project.name}: milestone 1 of 2`);
  invoice.estimate_id = estimate?.id ?? null;
  const half = round2((project.fee ?? 0) / 2);
  const description = `${project.name}, milestone 1 (50% of the fixed fee)`;
  const line = { kind: "Service", description, quantity: 1, unit_price: half, taxed: false, taxed2: false, project_id: project.id };
  invoice.line_items = [{ id: store.nextLineItemId(), ...line }];
  store.save("invoices", invoice);
  settle(store, ctx, invoice, "paid");
}

export function addInvoices(store: Store, ctx: SeedContext): void {
  for (const month of INVOICED_MONTHS) {
    addMonthlyInvoices(store, ctx, month);
    if (month.month === "2026-03") addMilestoneInvoice(store, ctx);
  }
}
