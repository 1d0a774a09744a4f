/**
 * /reports/*: computed from the stored time, expenses, invoices and budgets, in the `results`
 * envelope. Time, expense and uninvoiced reports need from and to (YYYYMMDD or YYYY-MM-DD) spanning
 * at most a year; amounts are grouped per currency as Harvest does.
 */
import type { Reply } from "../../exchange.js";
import { dayOf, daysBetween } from "../dates.js";
import { unprocessable } from "../errors.js";
import { givenParams } from "../filters.js";
import { round2, sum } from "../math.js";
import type { ExpenseRow, ProjectRow, TimeEntryRow } from "../model.js";
import { envelope } from "../pagination.js";
import { readQuery } from "../params.js";
import { fullName } from "../refs.js";
import { NEWEST_FIRST } from "../resource.js";
import type { HandlerContext, Route } from "../router.js";
import type { Store } from "../store.js";
import { currentHours } from "../time-tracking.js";

type Result = Record<string, unknown>;

interface Period {
  from: string;
  to: string;
}

function readPeriod(ctx: HandlerContext): Period {
  const from = readQuery(ctx.query, "from", "date") as string | undefined;
  const to = readQuery(ctx.query, "to", "date") as string | undefined;
  const missing = [from === undefined && "from", to === undefined && "to"].filter(Boolean);
  if (missing.length > 0) throw unprocessable(`${missing.map((name) => `${name} can't be blank`).join(", ")} (dates as YYYYMMDD or YYYY-MM-DD)`);
  if (to! < from!) throw unprocessable("to must be on or after from");
  if (daysBetween(from!, to!) > 365) throw unprocessable("The timeframe supplied cannot exceed 1 year (365 days)");
  return { from: from!, to: to! };
}

const within = (day: string, period: Period) => day >= period.from && day <= period.to;

/** include_fixed_fee, true unless given as false. */
const includeFixedFee = (ctx: HandlerContext) => readQuery(ctx.query, "include_fixed_fee", "bool") !== false;

/** Answers with one page of results, repeating the report's parameters in the links. */
function reply(ctx: HandlerContext, results: Result[], params: string[]): Reply {
  const request = { records: results, query: ctx.query, carried: givenParams(ctx.query, params), url: ctx.baseUrl + ctx.path, mode: "page" as const };
  return { status: 200, body: envelope("results", request, (result) => result) };
}

interface Aggregation<R> {
  /** The name field results are sorted by (then by currency). */
  sortBy: string;
  identify(record: R): Result;
  currency(record: R): string;
  measure(record: R): Record<string, number>;
  shape(identity: Result, totals: Record<string, number>, currency: string): Result;
}

/** Sums the measures per identity and currency, as Harvest reports group amounts per currency. */
function aggregate<R>(records: readonly R[], how: Aggregation<R>): Result[] {
  const groups = new Map<string, { identity: Result; currency: string; measures: Record<string, number>[] }>();
  for (const record of records) {
    const identity = how.identify(record);
    const key = JSON.stringify([identity, how.currency(record)]);
    const group = groups.get(key) ?? { identity, currency: how.currency(record), measures: [] };
    group.measures.push(how.measure(record));
    groups.set(key, group);
  }
  const results = [...groups.values()].map(({ identity, currency, measures }) => {
    const totals = Object.fromEntries(Object.keys(measures[0]!).map((name) => [name, sum(measures.map((m) => m[name]!))]));
    return { name: String(identity[how.sortBy]), currency, result: how.shape(identity, totals, currency) };
  });
  return results.sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency)).map(({ result }) => result);
}

const projectOf = (store: Store, row: { project_id: number }) => store.find("projects", row.project_id)!;
const clientOf = (store: Store, project: ProjectRow) => store.find("clients", project.client_id)!;
const projectLabel = (project: ProjectRow) => (project.code ? `[${project.code}] ${project.name}` : project.name);
/** Amounts are in the client's currency. */
const currencyOf = (store: Store) => (row: { project_id: number }) => clientOf(store, projectOf(store, row)).currency;

/** The identity fields of each report dimension, as Harvest orders them. */
function dimensions(store: Store) {
  const client = (row: { project_id: number }) => {
    const found = clientOf(store, projectOf(store, row));
    return { client_id: found.id, client_name: found.name };
  };
  const project = (row: { project_id: number }) => {
    const found = projectOf(store, row);
    return { project_id: found.id, project_name: projectLabel(found), ...client(row) };
  };
  const user = (row: { user_id: number }) => {
    const found = store.find("users", row.user_id)!;
    return { user_id: found.id, user_name: fullName(found), is_contractor: found.is_contractor };
  };
  return { client, project, user };
}

function timeReport(dimension: "clients" | "projects" | "tasks" | "team"): Route {
  return {
    method: "GET",
    pattern: `/reports/time/${dimension}`,
    handler(ctx) {
      const { store } = ctx;
      const period = readPeriod(ctx);
      const fixedFee = includeFixedFee(ctx);
      const now = ctx.now();
      const { client, project, user } = dimensions(store);
      const identify: Record<typeof dimension, (entry: TimeEntryRow) => Result> = {
        clients: client,
        projects: project,
        tasks: (entry) => ({ task_id: entry.task_id, task_name: store.find("tasks", entry.task_id)!.name }),
        team: user,
      };
      const sortBy = { clients: "client_name", projects: "project_name", tasks: "task_name", team: "user_name" }[dimension];
      const entries = store.where("time_entries", (entry) => within(entry.spent_date, period));
      const measure = (entry: TimeEntryRow) => {
        const hours = currentHours(entry, now);
        const billed = entry.billable && (fixedFee || !projectOf(store, entry).is_fixed_fee);
        return { total_hours: hours, billable_hours: entry.billable ? hours : 0, billable_amount: billed ? hours * (entry.billable_rate ?? 0) : 0 };
      };
      const shape = (identity: Result, totals: Record<string, number>, currency: string): Result => {
        const { total_hours, billable_hours, billable_amount } = totals;
        const shaped = { ...identity, total_hours, billable_hours, currency, billable_amount };
        if (dimension !== "team") return shaped;
        const member = store.find("users", identity.user_id as number)!;
        return { ...shaped, weekly_capacity: member.weekly_capacity, avatar_url: member.avatar_url };
      };
      const results = aggregate(entries, { sortBy, identify: identify[dimension], currency: currencyOf(store), measure, shape });
      return reply(ctx, results, ["from", "to", "include_fixed_fee"]);
    },
  };
}

function expenseReport(dimension: "clients" | "projects" | "categories" | "team"): Route {
  return {
    method: "GET",
    pattern: `/reports/expenses/${dimension}`,
    handler(ctx) {
      const { store } = ctx;
      const period = readPeriod(ctx);
      const { client, project, user } = dimensions(store);
      const category = (expense: ExpenseRow) => {
        const found = store.find("expense_categories", expense.expense_category_id)!;
        return { expense_category_id: found.id, expense_category_name: found.name };
      };
      const identify: Record<typeof dimension, (expense: ExpenseRow) => Result> = {
        clients: client,
        projects: (expense) => {
          const { project_id, project_name, client_id, client_name } = project(expense);
          return { client_id, client_name, project_id, project_name };
        },
        categories: category,
        team: user,
      };
      const sortBy = { clients: "client_name", projects: "project_name", categories: "expense_category_name", team: "user_name" }[dimension];
      const expenses = store.where("expenses", (expense) => within(expense.spent_date, period));
      const measure = (expense: ExpenseRow) => ({ total_amount: expense.total_cost, billable_amount: expense.billable ? expense.total_cost : 0 });
      const shape = (identity: Result, totals: Record<string, number>, currency: string): Result => {
        const { total_amount, billable_amount } = totals;
        return { ...identity, total_amount, billable_amount, currency };
      };
      const results = aggregate(expenses, { sortBy, identify: identify[dimension], currency: currencyOf(store), measure, shape });
      return reply(ctx, results, ["from", "to"]);
    },
  };
}

/** Fixed-fee projects: the fee not yet invoiced, once the period reaches the project's start. */
function uninvoicedFee(store: Store, project: ProjectRow, period: Period): number {
  if (period.to < (project.starts_on ?? project.created_at.slice(0, 10))) return 0;
  const invoiced = store
    .all("invoices")
    .flatMap((invoice) => invoice.line_items)
    .filter((item) => item.project_id === project.id)
    .map((item) => item.quantity * item.unit_price);
  return Math.max(0, round2((project.fee ?? 0) - sum(invoiced)));
}

const uninvoicedReport: Route = {
  method: "GET",
  pattern: "/reports/uninvoiced",
  handler(ctx) {
    const { store } = ctx;
    const period = readPeriod(ctx);
    const fixedFee = includeFixedFee(ctx);
    const now = ctx.now();
    const entries = store.where("time_entries", (entry) => within(entry.spent_date, period));
    const expenses = store.where("expenses", (expense) => within(expense.spent_date, period));
    const projectIds = new Set([...entries, ...expenses].map((row) => row.project_id));
    const projects = [...projectIds].map((id) => store.find("projects", id)!).filter((project) => fixedFee || !project.is_fixed_fee);
    const results = projects.map((project) => {
      const client = clientOf(store, project);
      const time = entries.filter((entry) => entry.project_id === project.id);
      const open = time.filter((entry) => entry.billable && entry.invoice_id === null);
      const openExpenses = expenses.filter((expense) => expense.project_id === project.id && expense.billable && expense.invoice_id === null);
      const uninvoiced_expenses = sum(openExpenses.map((expense) => expense.total_cost));
      const openFees = () => sum(open.map((entry) => currentHours(entry, now) * (entry.billable_rate ?? 0)));
      const timeAmount = project.is_fixed_fee ? uninvoicedFee(store, project, period) : openFees();
      return {
        client_id: client.id,
        client_name: client.name,
        project_id: project.id,
        project_name: project.name,
        currency: client.currency,
        total_hours: sum(time.map((entry) => currentHours(entry, now))),
        uninvoiced_hours: sum(open.map((entry) => currentHours(entry, now))),
        uninvoiced_expenses,
        uninvoiced_amount: round2(timeAmount + uninvoiced_expenses),
      };
    });
    results.sort((a, b) => a.client_name.localeCompare(b.client_name) || a.project_name.localeCompare(b.project_name));
    return reply(ctx, results, ["from", "to", "include_fixed_fee"]);
  },
};

/** Budget and spend in the project's budget unit: hours, or money for project_cost and task_fees budgets. */
function budgetStatus(store: Store, project: ProjectRow, now: Date): { budget: number | null; budget_spent: number } {
  const month = dayOf(now).slice(0, 7);
  const counted = (row: { project_id: number; spent_date: string }) =>
    row.project_id === project.id && (!project.budget_is_monthly || row.spent_date.startsWith(month));
  const entries = store.where("time_entries", counted);
  const assignmentBudgets = (collection: "task_assignments" | "user_assignments") =>
    sum(store.where(collection, (assignment) => assignment.project_id === project.id).map((assignment) => assignment.budget ?? 0));
  const hours = sum(entries.map((entry) => currentHours(entry, now)));
  const fees = sum(entries.filter((entry) => entry.billable).map((entry) => currentHours(entry, now) * (entry.billable_rate ?? 0)));
  const expenses = project.cost_budget_include_expenses ? sum(store.where("expenses", counted).map((expense) => expense.total_cost)) : 0;
  switch (project.budget_by) {
    case "project_cost":
      return { budget: project.cost_budget, budget_spent: round2(fees + expenses) };
    case "task_fees":
      return { budget: assignmentBudgets("task_assignments"), budget_spent: round2(fees + expenses) };
    case "task":
      return { budget: assignmentBudgets("task_assignments"), budget_spent: hours };
    case "person":
      return { budget: assignmentBudgets("user_assignments"), budget_spent: hours };
    default:
      return { budget: project.budget, budget_spent: hours };
  }
}

const projectBudgetReport: Route = {
  method: "GET",
  pattern: "/reports/project_budget",
  handler(ctx) {
    const { store } = ctx;
    const active = readQuery(ctx.query, "is_active", "bool");
    const projects = store
      .where("projects", (project) => project.budget_by !== "none" && (active === undefined || project.is_active === active))
      .sort(NEWEST_FIRST.compare);
    const results = projects.map((project) => {
      const client = clientOf(store, project);
      const { budget, budget_spent } = budgetStatus(store, project, ctx.now());
      return {
        project_id: project.id,
        project_name: project.name,
        client_id: client.id,
        client_name: client.name,
        budget_is_monthly: project.budget_is_monthly,
        budget_by: project.budget_by,
        is_active: project.is_active,
        budget,
        budget_spent,
        budget_remaining: budget === null ? null : round2(budget - budget_spent),
      };
    });
    return reply(ctx, results, ["is_active"]);
  },
};

export const reportRoutes: Route[] = [
  ...(["clients", "projects", "tasks", "team"] as const).map(timeReport),
  ...(["clients", "projects", "categories", "team"] as const).map(expenseReport),
  uninvoicedReport,
  projectBudgetReport,
];
