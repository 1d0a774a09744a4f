/** Expenses: a cost on a project, in a category, by a user; unit-priced categories compute total_cost from units. */
import { byUserAndProject, dateRange, isBilled, updatedSince } from "../filters.js";
import { requireValid } from "../guards.js";
import { round2 } from "../math.js";
import type { ExpenseRow, Row } from "../model.js";
import { clientRef, invoiceRef, projectRef, userAssignmentRef, userRef } from "../refs.js";
import { datedList, defineResource, pick } from "../resource.js";
import { userAssignmentFor } from "../time-tracking.js";

/** A user's expense before the request's (or the seed's) fields: not locked or invoiced, no receipt. */
export function newExpense(userId: number): Omit<ExpenseRow, keyof Row> {
  return {
    user_id: userId,
    project_id: 0,
    expense_category_id: 0,
    user_assignment_id: 0,
    spent_date: "",
    units: null,
    total_cost: 0,
    notes: null,
    billable: true,
    is_closed: false,
    is_locked: false,
    locked_reason: null,
    invoice_id: null,
    receipt: null,
  };
}

const EXPENSE_FIELDS = ["id", "notes", "total_cost", "units", "is_closed", "is_locked"] as const;

export const expenses = defineResource({
  ...datedList("expenses", (expense) => expense.spent_date),
  filters: [
    ...byUserAndProject<ExpenseRow>(),
    isBilled<ExpenseRow>(),
    updatedSince<ExpenseRow>(),
    ...dateRange<ExpenseRow>((expense) => expense.spent_date),
  ],
  fields: [
    { name: "user_id", type: "int", ref: "users", createOnly: true },
    { name: "project_id", type: "int", required: true, ref: "projects" },
    { name: "expense_category_id", type: "int", required: true, ref: "expense_categories" },
    { name: "spent_date", type: "date", required: true },
    { name: "units", type: "number", min: 0 },
    { name: "total_cost", type: "number", min: 0 },
    { name: "notes", type: "string" },
    { name: "billable", type: "bool" },
  ],
  defaults: (ctx) => newExpense(ctx.callerId),
  prepare(expense, input, { store }, existing) {
    if (existing?.is_locked) {
      // Harvest silently keeps the project and category of a locked (invoiced) expense
      expense.project_id = existing.project_id;
      expense.expense_category_id = existing.expense_category_id;
    }
    const project = store.find("projects", expense.project_id)!;
    if (!existing || "project_id" in input) {
      expense.user_assignment_id = userAssignmentFor(store, project.id, expense.user_id).id;
      if (!existing && !("billable" in input)) expense.billable = project.is_billable;
    }
    const category = store.find("expense_categories", expense.expense_category_id)!;
    if (category.unit_price !== null) {
      requireValid(expense.units !== null, `units can't be blank for the unit-priced category ${category.name}`);
      expense.total_cost = round2(expense.units! * category.unit_price);
    } else {
      requireValid(existing !== undefined || "total_cost" in input, "total_cost can't be blank");
      expense.units ??= 1;
    }
  },
  present: (expense, { store }) => {
    const project = store.find("projects", expense.project_id);
    const category = store.find("expense_categories", expense.expense_category_id);
    return {
      ...pick(expense, EXPENSE_FIELDS),
      is_billed: expense.invoice_id !== null,
      ...pick(expense, ["locked_reason", "spent_date", "created_at", "updated_at", "billable", "receipt"]),
      user: userRef(store, expense.user_id),
      user_assignment: userAssignmentRef(store, expense.user_assignment_id),
      project: projectRef(store, expense.project_id),
      expense_category: category ? pick(category, ["id", "name", "unit_price", "unit_name"]) : null,
      client: clientRef(store, project?.client_id ?? 0, true),
      invoice: invoiceRef(store, expense.invoice_id),
    };
  },
});
