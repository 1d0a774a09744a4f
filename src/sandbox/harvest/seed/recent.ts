/**
 * The account's last days before the sandbox clock (2026-06-30), seeded after everything else so no earlier id
 * moves: records a user can still delete (a designer invited who has not tracked time, a prospect client, a task
 * just added to a project), a raise, the follow-ups on an overdue invoice and a pending estimate, a new category.
 */
import { addDays } from "../dates.js";
import { messageTemplate, newMessage } from "../document-messages.js";
import { defaultTaskAssignment } from "../resources/projects.js";
import { AVATAR_URL } from "../resources/users.js";
import type { Store } from "../store.js";
import { contactRecipient, recordPayment, sendInvoiceMessage } from "./billing.js";
import { created, insert, stamp, type SeedContext } from "./context.js";

/** Nina joins as a designer on the Website Redesign on the 26th and has not tracked time yet. */
function addNewHire(store: Store, ctx: SeedContext): void {
  const user = insert(store, ctx, "users", {
    first_name: "Nina",
    last_name: "Patel",
    email: "nina.patel@sandbox-studio.example",
    telephone: "",
    timezone: "London",
    has_access_to_all_future_projects: false,
    is_contractor: false,
    is_active: true,
    weekly_capacity: 126000,
    default_hourly_rate: 115,
    cost_rate: 58,
    roles: ["Designer"],
    access_roles: ["member"],
    avatar_url: AVATAR_URL,
    teammate_ids: [],
    ...created("2026-06-26", 540),
  });
  insert(store, ctx, "user_assignments", {
    project_id: ctx.idOf("projects", "nw-web"),
    user_id: user.id,
    is_project_manager: false,
    is_active: true,
    use_default_rates: true,
    hourly_rate: user.default_hourly_rate,
    budget: null,
    ...created("2026-06-26", 560),
  });
}

/** A prospect met on the 24th: a client with a contact, and no project, estimate or invoice yet. */
function addProspect(store: Store, ctx: SeedContext): void {
  const client = insert(store, ctx, "clients", {
    name: "Wayne Enterprises",
    is_active: true,
    address: "1007 Mountain Drive\nGotham, NJ 07001",
    statement_key: ctx.prng.hex(32),
    currency: "USD",
    ...created("2026-06-24", 600),
  });
  insert(store, ctx, "contacts", {
    client_id: client.id,
    title: "COO",
    first_name: "Lucius",
    last_name: "Fox",
    email: "lucius.fox@wayne.example",
    phone_office: "+1 555 0105 000",
    phone_mobile: null,
    fax: null,
    ...created("2026-06-24", 620),
  });
}

/** DevOps is added to the Website Redesign on the 29th for the launch; nobody has logged time to it yet. */
function addLaunchTask(store: Store, ctx: SeedContext): void {
  const project = store.find("projects", ctx.idOf("projects", "nw-web"))!;
  const task = store.find("tasks", ctx.idOf("tasks", "devops"))!;
  insert(store, ctx, "task_assignments", { ...defaultTaskAssignment(project, task.id, task), ...created("2026-06-29", 600) });
}

/** Priya's raise from June 1st, entered on the 29th: the third step of her rates, and her new defaults. */
function addRaise(store: Store, ctx: SeedContext): void {
  const priya = store.find("users", ctx.idOf("users", "priya"))!;
  const entered = stamp("2026-06-29", 600);
  const raised = (collection: "billable_rates" | "cost_rates", raise: number): number => {
    const current = store.where(collection, (rate) => rate.user_id === priya.id && rate.end_date === null)[0]!;
    store.save(collection, { ...current, end_date: "2026-05-31", updated_at: entered });
    const amount = current.amount + raise;
    insert(store, ctx, collection, { user_id: priya.id, amount, start_date: "2026-06-01", end_date: null, created_at: entered, updated_at: entered });
    return amount;
  };
  store.save("users", { ...priya, default_hourly_rate: raised("billable_rates", 10), cost_rate: raised("cost_rates", 5), updated_at: entered });
}

/** The partly paid invoice went past due: two reminders, each followed by an instalment; a balance stays open. */
function chaseOverdueInvoice(store: Store, ctx: SeedContext): void {
  const firstInstalment = store.where("invoice_payments", (payment) => payment.notes === "First instalment")[0]!;
  const invoice = store.find("invoices", firstInstalment.invoice_id)!;
  const firstReminder = addDays(invoice.due_date!, 8); // every seeded invoice has a due date
  sendInvoiceMessage(store, ctx, invoice, stamp(firstReminder, 540), "reminder");
  recordPayment(store, ctx, invoice.id, { amount: 5000, paidDate: addDays(firstReminder, 4), notes: "Second instalment" });
  sendInvoiceMessage(store, ctx, invoice, stamp(addDays(firstReminder, 14), 540), "reminder");
  recordPayment(store, ctx, invoice.id, { amount: 4000, paidDate: addDays(firstReminder, 18), notes: "Third instalment" });
}

/** The estimate still awaiting an answer: a copy for the client's CTO, then a follow-up to the first contact. */
function followUpPendingEstimate(store: Store, ctx: SeedContext): void {
  const estimate = store.where("estimates", (candidate) => candidate.state === "sent")[0]!;
  const sentOn = estimate.sent_at!.slice(0, 10);
  const template = messageTemplate(store, estimate, "Estimate", null);
  const message = (day: string, position: number, text: { subject: string; body: string }) => {
    const at = stamp(day, 600);
    const recipients = [contactRecipient(store, estimate.client_id, position)];
    insert(store, ctx, "estimate_messages", { estimate_id: estimate.id, ...newMessage(store.me), recipients, ...text, created_at: at, updated_at: at });
  };
  message(addDays(sentOn, 4), 1, template);
  const [firstName] = contactRecipient(store, estimate.client_id).name!.split(" ");
  message(addDays(sentOn, 11), 0, {
    subject: `Following up: ${template.subject}`,
    body: `Hi ${firstName}, just checking whether you had a chance to look at the estimate. Happy to walk you through it on a call.`,
  });
}

/** Hosting, already an invoice item category, becomes an estimate item category too. */
function addHostingEstimateCategory(store: Store, ctx: SeedContext): void {
  insert(store, ctx, "estimate_item_categories", { name: "Hosting", ...created("2026-06-25", 720) });
}

export function addRecentChanges(store: Store, ctx: SeedContext): void {
  addNewHire(store, ctx);
  addProspect(store, ctx);
  addLaunchTask(store, ctx);
  addRaise(store, ctx);
  chaseOverdueInvoice(store, ctx);
  followUpPendingEstimate(store, ctx);
  addHostingEstimateCategory(store, ctx);
}
