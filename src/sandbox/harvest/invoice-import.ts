/**
 * line_items_import: turns a client's uninvoiced billable time and expenses into invoice line items,
 * summarized the way Harvest offers (by project, task, person or in detail), and locks what it billed.
 */
import { requireValid } from "./guards.js";
import { sum } from "./math.js";
import type { ExpenseRow, InvoiceRow, LineItem, TimeEntryRow } from "./model.js";
import { readInput, type Input } from "./params.js";
import { fullName } from "./refs.js";
import type { Store } from "./store.js";
import { LOCKED_BY_INVOICE } from "./time-tracking.js";

export const EXPENSE_LOCKED_BY_INVOICE = "Expense is invoiced.";

const IMPORT_FIELDS = [
  { name: "project_ids", type: "int[]", required: true, ref: "projects" },
  { name: "time", type: "object" },
  { name: "expenses", type: "object" },
] as const;

const rangeFields = (summaries: readonly string[]) =>
  [
    { name: "summary_type", type: "string", required: true, oneOf: summaries },
    { name: "from", type: "date" },
    { name: "to", type: "date" },
  ] as const;

interface Selection {
  summary_type: string;
  from?: string;
  to?: string;
}

export interface ImportedLines {
  items: LineItem[];
  period_start: string | null;
  period_end: string | null;
  /** Marks what was imported as billed by the invoice; run once the invoice is saved. */
  commit(): void;
}

const usDate = (day: string) => `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`;

function readSelection(raw: unknown, name: string, summaries: readonly string[], store: Store): Selection | undefined {
  if (raw === undefined || raw === null) return undefined;
  const selection = readInput(rangeFields(summaries), raw as Input, store, { creating: true, prefix: `line_items_import.${name}.` }) as unknown as Selection;
  requireValid((selection.from === undefined) === (selection.to === undefined), `line_items_import.${name}: from and to must be given together`);
  return selection;
}

const inRange = (day: string, selection: Selection) =>
  (selection.from === undefined || day >= selection.from) && (selection.to === undefined || day <= selection.to);

/** Groups records into line items: one per summary key (and rate, so every line has one unit price). */
function summarize<R extends { project_id: number }>(
  records: readonly R[],
  keyOf: (record: R) => string,
  describe: (record: R) => string,
  line: (group: R[]) => Pick<LineItem, "kind" | "quantity" | "unit_price">,
  store: Store,
): LineItem[] {
  const groups = new Map<string, R[]>();
  for (const record of records) groups.set(keyOf(record), [...(groups.get(keyOf(record)) ?? []), record]);
  return [...groups.values()].map((group) => ({
    id: store.nextLineItemId(),
    description: describe(group[0]!),
    taxed: false,
    taxed2: false,
    project_id: group[0]!.project_id,
    ...line(group),
  }));
}

/** How one summary type groups records into lines, and what each line says. */
interface Summary<R> {
  key: (record: R) => unknown;
  describe: (record: R) => string;
}

type Tracked = { id: number; user_id: number; spent_date: string; notes: string | null };

/** The summary types time and expenses both offer: a line per person, or one per record labelled by its task or category. */
function perPersonOrRecord<R extends Tracked>(
  store: Store,
  projectName: (record: R) => string,
  label: (record: R) => string,
): Record<"people" | "detailed", Summary<R>> {
  return {
    people: {
      key: (record) => record.user_id,
      describe: (record) => `${projectName(record)}: ${fullName(store.find("users", record.user_id)!)}`,
    },
    detailed: {
      key: (record) => record.id,
      describe: (record) => `${usDate(record.spent_date)} - ${label(record)}${record.notes ? `: ${record.notes}` : ""}`,
    },
  };
}

function timeLines(entries: TimeEntryRow[], summary: string, store: Store): LineItem[] {
  const project = (entry: TimeEntryRow) => store.find("projects", entry.project_id)!;
  const task = (entry: TimeEntryRow) => store.find("tasks", entry.task_id)!.name;
  const summaries: Record<string, Summary<TimeEntryRow>> = {
    project: { key: () => "", describe: (entry) => (project(entry).code ? `[${project(entry).code}] ${project(entry).name}` : project(entry).name) },
    task: { key: (entry) => entry.task_id, describe: (entry) => `${project(entry).name}: ${task(entry)}` },
    ...perPersonOrRecord(store, (entry) => project(entry).name, task),
  };
  const { key, describe } = summaries[summary]!;
  return summarize(
    entries,
    (entry) => `${entry.project_id}/${String(key(entry))}/${entry.billable_rate}`,
    describe,
    (group) => ({ kind: "Service", quantity: sum(group.map((entry) => entry.hours_without_timer)), unit_price: group[0]!.billable_rate ?? 0 }),
    store,
  );
}

function expenseLines(expenses: ExpenseRow[], summary: string, store: Store): LineItem[] {
  const project = (expense: ExpenseRow) => store.find("projects", expense.project_id)!.name;
  const category = (expense: ExpenseRow) => store.find("expense_categories", expense.expense_category_id)!.name;
  const summaries: Record<string, Summary<ExpenseRow>> = {
    project: { key: () => "", describe: (expense) => `${project(expense)}: Expenses` },
    category: { key: (expense) => expense.expense_category_id, describe: (expense) => `${project(expense)}: ${category(expense)}` },
    ...perPersonOrRecord(store, project, category),
  };
  const { key, describe } = summaries[summary]!;
  return summarize(
    expenses,
    (expense) => `${expense.project_id}/${String(key(expense))}`,
    describe,
    (group) => ({ kind: "Product", quantity: 1, unit_price: sum(group.map((expense) => expense.total_cost)) }),
    store,
  );
}

export function importLineItems(store: Store, invoice: InvoiceRow, raw: Input): ImportedLines {
  const request = readInput(IMPORT_FIELDS, raw, store, { creating: true, prefix: "line_items_import." });
  const projectIds = request.project_ids as number[];
  const foreign = projectIds.find((id) => store.find("projects", id)!.client_id !== invoice.client_id);
  requireValid(foreign === undefined, `line_items_import.project_ids: project ${foreign} does not belong to client ${invoice.client_id}`);
  const time = readSelection(request.time, "time", ["project", "task", "people", "detailed"], store);
  const spent = readSelection(request.expenses, "expenses", ["project", "category", "people", "detailed"], store);
  const uninvoiced = (row: { project_id: number; billable: boolean; invoice_id: number | null; spent_date: string }, selection: Selection) =>
    projectIds.includes(row.project_id) && row.billable && row.invoice_id === null && inRange(row.spent_date, selection);
  const entries = time ? store.where("time_entries", (entry) => !entry.is_running && uninvoiced(entry, time)) : [];
  const expenses = spent ? store.where("expenses", (expense) => uninvoiced(expense, spent)) : [];
  const days = [...entries, ...expenses].map((row) => row.spent_date).sort();
  return {
    items: [...(time ? timeLines(entries, time.summary_type, store) : []), ...(spent ? expenseLines(expenses, spent.summary_type, store) : [])],
    period_start: time?.from ?? days[0] ?? null,
    period_end: time?.to ?? days.at(-1) ?? null,
    commit() {
      const locked = { invoice_id: invoice.id, is_locked: true, updated_at: invoice.updated_at };
      for (const entry of entries) store.save("time_entries", { ...entry, ...locked, locked_reason: LOCKED_BY_INVOICE });
      for (const expense of expenses) store.save("expenses", { ...expense, ...locked, locked_reason: EXPENSE_LOCKED_BY_INVOICE });
    },
  };
}
