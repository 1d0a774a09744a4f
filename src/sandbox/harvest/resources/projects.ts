/** Projects and the task and user assignments that say what can be tracked on them, and by whom. */
import { byField, isActive, updatedSince } from "../filters.js";
import { requireUnique, requireValid } from "../guards.js";
import { BILL_BY, BUDGET_BY, type ProjectRow, type Row, type TaskAssignmentRow, type TaskRow, type UserAssignmentRow } from "../model.js";
import { clientRef, projectRef, taskRef, userRef } from "../refs.js";
import { ALL_ACTIONS, NEWEST_FIRST, accountList, defineResource, pick, type ResourceSpec } from "../resource.js";
import { timestamp, type HandlerContext } from "../router.js";

const PROJECT_FIELDS = [
  "id", "name", "code", "is_active", "bill_by", "budget", "budget_by", "budget_is_monthly", "notify_when_over_budget",
  "over_budget_notification_percentage", "over_budget_notification_date", "show_budget_to_all", "created_at", "updated_at",
  "starts_on", "ends_on", "is_billable", "is_fixed_fee", "notes",
] as const;

/** A task's assignment to a project as Harvest makes it by default: billable as both allow, at the task's default rate. */
export function defaultTaskAssignment(
  project: Pick<ProjectRow, "id" | "is_billable">,
  taskId: number,
  task: Pick<TaskRow, "billable_by_default" | "default_hourly_rate">,
): Omit<TaskAssignmentRow, keyof Row> {
  return {
    project_id: project.id,
    task_id: taskId,
    billable: project.is_billable && task.billable_by_default,
    is_active: true,
    hourly_rate: task.default_hourly_rate,
    budget: null,
  };
}

/** Like Harvest: a new project gets the default tasks, its creator, and everyone with access to all future projects. */
function assignDefaults(project: ProjectRow, ctx: HandlerContext): void {
  const { store } = ctx;
  const now = timestamp(ctx);
  const stamps = { created_at: now, updated_at: now };
  for (const task of store.where("tasks", (task) => task.is_default && task.is_active)) {
    store.save("task_assignments", { id: store.nextId("task_assignments"), ...defaultTaskAssignment(project, task.id, task), ...stamps });
  }
  const members = store.where("users", (user) => user.is_active && (user.id === store.meId || user.has_access_to_all_future_projects));
  for (const user of members) {
    store.save("user_assignments", {
      id: store.nextId("user_assignments"),
      project_id: project.id,
      user_id: user.id,
      is_project_manager: user.id === store.meId,
      is_active: true,
      use_default_rates: true,
      hourly_rate: user.default_hourly_rate,
      budget: null,
      ...stamps,
    });
  }
}

export const projects = defineResource({
  ...accountList("projects"),
  filters: [isActive<ProjectRow>(), byField<ProjectRow>("client_id"), updatedSince<ProjectRow>()],
  fields: [
    { name: "client_id", type: "int", required: true, ref: "clients" },
    { name: "name", type: "string", required: true },
    { name: "code", type: "string" },
    { name: "is_active", type: "bool" },
    { name: "is_billable", type: "bool", required: true },
    { name: "is_fixed_fee", type: "bool" },
    { name: "bill_by", type: "string", required: true, oneOf: BILL_BY },
    { name: "hourly_rate", type: "number", min: 0 },
    { name: "budget", type: "number", min: 0 },
    { name: "budget_by", type: "string", required: true, oneOf: BUDGET_BY },
    { name: "budget_is_monthly", type: "bool" },
    { name: "notify_when_over_budget", type: "bool" },
    { name: "over_budget_notification_percentage", type: "number", min: 0 },
    { name: "show_budget_to_all", type: "bool" },
    { name: "cost_budget", type: "number", min: 0 },
    { name: "cost_budget_include_expenses", type: "bool" },
    { name: "fee", type: "number", min: 0 },
    { name: "notes", type: "string" },
    { name: "starts_on", type: "date" },
    { name: "ends_on", type: "date" },
  ],
  defaults: () => ({
    client_id: 0,
    name: "",
    code: null,
    is_active: true,
    bill_by: "none" as const,
    budget: null,
    budget_by: "none" as const,
    budget_is_monthly: false,
    notify_when_over_budget: false,
    over_budget_notification_percentage: 80,
    over_budget_notification_date: null,
    show_budget_to_all: false,
    starts_on: null,
    ends_on: null,
    is_billable: true,
    is_fixed_fee: false,
    notes: "",
    cost_budget: null,
    cost_budget_include_expenses: false,
    hourly_rate: null,
    fee: null,
  }),
  prepare(project, _input, ctx, existing) {
    requireUnique(ctx.store, "projects", project, "name", (other) => other.client_id === project.client_id);
    const { starts_on, ends_on } = project;
    requireValid(!starts_on || !ends_on || ends_on >= starts_on, "ends_on must be on or after starts_on");
    return existing ? undefined : () => assignDefaults(project, ctx);
  },
  afterDelete(project, { store }) {
    // Harvest deletes a project's time and expenses with it; invoices stay
    const ofProject = (row: { project_id: number }) => row.project_id === project.id;
    for (const collection of ["time_entries", "expenses", "task_assignments", "user_assignments"] as const) {
      store.removeWhere(collection, ofProject);
    }
  },
  present: (project, { store }) => ({
    ...pick(project, PROJECT_FIELDS),
    client: clientRef(store, project.client_id, true),
    ...pick(project, ["cost_budget", "cost_budget_include_expenses", "hourly_rate", "fee"]),
  }),
});

type Assignments = "task_assignments" | "user_assignments";

/** Task and user assignments live under a project, and Harvest also lists them across all projects. */
function assignmentsOfProject<K extends Assignments>(
  collection: K,
): Pick<ResourceSpec<K>, "collection" | "path" | "parent" | "actions" | "pagination" | "topLevelList" | "sort"> {
  return {
    collection,
    path: `/projects/:project_id/${collection}`,
    parent: { param: "project_id", collection: "projects", field: "project_id" },
    actions: ALL_ACTIONS,
    pagination: "page",
    topLevelList: { path: `/${collection}`, pagination: "cursor" },
    sort: NEWEST_FIRST,
  };
}

type AssignedBy<F extends string> = { project_id: number } & Record<F, number>;

/** A project has one assignment per task and per user: 422 when `key` (task_id or user_id) is already assigned. */
function requireUnassigned<F extends "task_id" | "user_id">(existing: readonly AssignedBy<F>[], assignment: AssignedBy<F>, key: F): void {
  const taken = existing.some((other) => other.project_id === assignment.project_id && other[key] === assignment[key]);
  requireValid(!taken, `${key} ${assignment[key]} is already assigned to project ${assignment.project_id}`);
}

const TASK_ASSIGNMENT_FIELDS = ["id", "billable", "is_active", "created_at", "updated_at", "hourly_rate", "budget"] as const;

export const taskAssignments = defineResource({
  ...assignmentsOfProject("task_assignments"),
  filters: [isActive<TaskAssignmentRow>(), updatedSince<TaskAssignmentRow>()],
  fields: [
    { name: "task_id", type: "int", required: true, ref: "tasks", createOnly: true },
    { name: "is_active", type: "bool" },
    { name: "billable", type: "bool" },
    { name: "hourly_rate", type: "number", min: 0 },
    { name: "budget", type: "number", min: 0 },
  ],
  defaults: () => ({ project_id: 0, task_id: 0, billable: false, is_active: true, hourly_rate: null, budget: null }),
  prepare(assignment, input, { store }, existing) {
    if (existing) return;
    requireUnassigned(store.all("task_assignments"), assignment, "task_id");
    if (!("hourly_rate" in input)) assignment.hourly_rate = store.find("tasks", assignment.task_id)!.default_hourly_rate;
  },
  deleteGuard: (assignment, { store }) =>
    store.some("time_entries", (entry) => entry.task_assignment_id === assignment.id)
      ? "Task assignment has time entries and cannot be deleted; archive it instead (is_active: false)"
      : undefined,
  present: (assignment, { store }) => ({
    ...pick(assignment, TASK_ASSIGNMENT_FIELDS),
    project: projectRef(store, assignment.project_id),
    task: taskRef(store, assignment.task_id),
  }),
});

const USER_ASSIGNMENT_FIELDS = [
  "id", "is_project_manager", "is_active", "use_default_rates", "budget", "created_at", "updated_at", "hourly_rate",
] as const;

export const userAssignments = defineResource({
  ...assignmentsOfProject("user_assignments"),
  filters: [byField<UserAssignmentRow>("user_id"), isActive<UserAssignmentRow>(), updatedSince<UserAssignmentRow>()],
  fields: [
    { name: "user_id", type: "int", required: true, ref: "users", createOnly: true },
    { name: "is_active", type: "bool" },
    { name: "is_project_manager", type: "bool" },
    { name: "use_default_rates", type: "bool" },
    { name: "hourly_rate", type: "number", min: 0 },
    { name: "budget", type: "number", min: 0 },
  ],
  defaults: () => ({
    project_id: 0,
    user_id: 0,
    is_project_manager: false,
    is_active: true,
    use_default_rates: true,
    hourly_rate: null,
    budget: null,
  }),
  prepare(assignment, input, { store }, existing) {
    if (existing) return;
    requireUnassigned(store.all("user_assignments"), assignment, "user_id");
    const user = store.find("users", assignment.user_id)!;
    if (!("is_project_manager" in input)) assignment.is_project_manager = !user.access_roles.includes("member");
    if (!("hourly_rate" in input)) assignment.hourly_rate = user.default_hourly_rate;
  },
  deleteGuard(assignment, { store }) {
    const tracked = (row: { project_id: number; user_id: number }) =>
      row.project_id === assignment.project_id && row.user_id === assignment.user_id;
    return store.some("time_entries", tracked) || store.some("expenses", tracked)
      ? "User assignment has time entries or expenses and cannot be deleted; archive it instead (is_active: false)"
      : undefined;
  },
  present: (assignment, { store }) => ({
    ...pick(assignment, USER_ASSIGNMENT_FIELDS),
    project: projectRef(store, assignment.project_id),
    user: userRef(store, assignment.user_id),
  }),
});
