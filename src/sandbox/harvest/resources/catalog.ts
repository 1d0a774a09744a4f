/** Account-wide lists: tasks, roles, expense categories, invoice and estimate item categories. */
import { isActive, updatedSince } from "../filters.js";
import { requireUnique } from "../guards.js";
import type { EstimateItemCategoryRow, ExpenseCategoryRow, InvoiceItemCategoryRow, RoleRow, TaskRow } from "../model.js";
import { accountList, defineResource, pick } from "../resource.js";
import type { Store } from "../store.js";

const TASK_FIELDS = ["id", "name", "billable_by_default", "default_hourly_rate", "is_default", "is_active", "created_at", "updated_at"] as const;

export const tasks = defineResource({
  ...accountList("tasks"),
  filters: [isActive<TaskRow>(), updatedSince<TaskRow>()],
  fields: [
    { name: "name", type: "string", required: true },
    { name: "billable_by_default", type: "bool" },
    { name: "default_hourly_rate", type: "number", min: 0 },
    { name: "is_default", type: "bool" },
    { name: "is_active", type: "bool" },
  ],
  defaults: () => ({ name: "", billable_by_default: true, default_hourly_rate: 0, is_default: false, is_active: true }),
  prepare: (task, _input, { store }) => requireUnique(store, "tasks", task, "name"),
  deleteGuard: (task, { store }) =>
    store.some("time_entries", (entry) => entry.task_id === task.id)
      ? "Task has time entries and cannot be deleted; archive it instead (is_active: false)"
      : undefined,
  afterDelete: (task, { store }) => store.removeWhere("task_assignments", (assignment) => assignment.task_id === task.id),
  present: (task) => pick(task, TASK_FIELDS),
});

/** Sets which users carry a role name, keeping users' `roles` arrays the single source of membership. */
function assignRole(store: Store, name: string, userIds: readonly number[] | undefined, previousName = name): void {
  for (const user of store.all("users")) {
    const others = user.roles.filter((role) => role !== previousName);
    const member = userIds ? userIds.includes(user.id) : user.roles.includes(previousName);
    const roles = member ? [...others, name] : others;
    if (roles.join("\0") !== user.roles.join("\0")) store.save("users", { ...user, roles });
  }
}

const roleMembers = (store: Store, role: RoleRow): number[] =>
  store.where("users", (user) => user.roles.includes(role.name)).map((user) => user.id);

export const roles = defineResource({
  ...accountList("roles"),
  filters: [],
  fields: [
    { name: "name", type: "string", required: true },
    { name: "user_ids", type: "int[]", ref: "users", virtual: true },
  ],
  defaults: () => ({ name: "" }),
  prepare(role, input, { store }, existing) {
    requireUnique(store, "roles", role, "name");
    const userIds = input.user_ids as number[] | undefined;
    return () => assignRole(store, role.name, userIds, existing?.name);
  },
  afterDelete: (role, { store }) => assignRole(store, role.name, [], role.name),
  present: (role, { store }) => ({ ...pick(role, ["id", "name", "created_at", "updated_at"]), user_ids: roleMembers(store, role) }),
});

const EXPENSE_CATEGORY_FIELDS = ["id", "name", "unit_name", "unit_price", "is_active", "created_at", "updated_at"] as const;

export const expenseCategories = defineResource({
  ...accountList("expense_categories"),
  filters: [isActive<ExpenseCategoryRow>(), updatedSince<ExpenseCategoryRow>()],
  fields: [
    { name: "name", type: "string", required: true },
    { name: "unit_name", type: "string" },
    { name: "unit_price", type: "number", min: 0 },
    { name: "is_active", type: "bool" },
  ],
  defaults: () => ({ name: "", unit_name: null, unit_price: null, is_active: true }),
  prepare: (category, _input, { store }) => requireUnique(store, "expense_categories", category, "name"),
  deleteGuard: (category, { store }) =>
    store.some("expenses", (expense) => expense.expense_category_id === category.id)
      ? "Expense category has expenses and cannot be deleted; archive it instead (is_active: false)"
      : undefined,
  present: (category) => pick(category, EXPENSE_CATEGORY_FIELDS),
});

const INVOICE_ITEM_CATEGORY_FIELDS = ["id", "name", "use_as_service", "use_as_expense", "created_at", "updated_at"] as const;

export const invoiceItemCategories = defineResource({
  ...accountList("invoice_item_categories"),
  filters: [updatedSince<InvoiceItemCategoryRow>()],
  fields: [{ name: "name", type: "string", required: true }],
  defaults: () => ({ name: "", use_as_service: false, use_as_expense: false }),
  prepare: (category, _input, { store }) => requireUnique(store, "invoice_item_categories", category, "name"),
  deleteGuard: (category) =>
    category.use_as_service || category.use_as_expense
      ? "Invoice item category is used for imported time or expenses (use_as_service or use_as_expense) and cannot be deleted"
      : undefined,
  present: (category) => pick(category, INVOICE_ITEM_CATEGORY_FIELDS),
});

export const estimateItemCategories = defineResource({
  ...accountList("estimate_item_categories"),
  filters: [updatedSince<EstimateItemCategoryRow>()],
  fields: [{ name: "name", type: "string", required: true }],
  defaults: () => ({ name: "" }),
  prepare: (category, _input, { store }) => requireUnique(store, "estimate_item_categories", category, "name"),
  present: (category) => pick(category, ["id", "name", "created_at", "updated_at"]),
});
