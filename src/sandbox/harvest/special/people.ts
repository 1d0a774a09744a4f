/**
 * The authenticated user (/users/me), project assignments with their tasks (how an agent finds the
 * project_id and task_id to log time against), and a manager's teammates.
 */
import type { Reply } from "../../exchange.js";
import { notFound, unprocessable } from "../errors.js";
import { applyFilters, givenParams, updatedSince } from "../filters.js";
import type { UserAssignmentRow, UserRow } from "../model.js";
import { envelope, type PaginationMode } from "../pagination.js";
import { readInput } from "../params.js";
import { clientRef, projectRef, taskRef } from "../refs.js";
import { NEWEST_FIRST, pick } from "../resource.js";
import { presentUser } from "../resources/users.js";
import { idParam, timestamp, type HandlerContext, type Route } from "../router.js";
import type { Store } from "../store.js";

const ASSIGNMENT_FIELDS = ["id", "is_project_manager", "is_active", "use_default_rates", "budget", "created_at", "updated_at", "hourly_rate"] as const;
const TASK_ASSIGNMENT_FIELDS = ["id", "billable", "is_active", "created_at", "updated_at", "hourly_rate", "budget"] as const;

function presentProjectAssignment(store: Store, assignment: UserAssignmentRow): Record<string, unknown> {
  const project = store.find("projects", assignment.project_id)!;
  const tasks = store
    .where("task_assignments", (task) => task.project_id === project.id && task.is_active)
    .sort((a, b) => a.id - b.id)
    .map((task) => ({ ...pick(task, TASK_ASSIGNMENT_FIELDS), task: taskRef(store, task.task_id) }));
  return {
    ...pick(assignment, ASSIGNMENT_FIELDS),
    project: projectRef(store, project.id),
    client: clientRef(store, project.client_id),
    task_assignments: tasks,
  };
}

const updatedSinceFilter = [updatedSince<UserAssignmentRow>()];

/** Active assignments to active projects, newest first. */
function projectAssignments(ctx: HandlerContext, user: UserRow, mode: PaginationMode): Reply {
  const { store } = ctx;
  const active = store.where(
    "user_assignments",
    (assignment) => assignment.user_id === user.id && assignment.is_active && store.find("projects", assignment.project_id)!.is_active,
  );
  const records = applyFilters(active, updatedSinceFilter, ctx).sort(NEWEST_FIRST.compare);
  const carried = givenParams(ctx.query, ["updated_since"]);
  const request = { records, query: ctx.query, carried, url: ctx.baseUrl + ctx.path, mode, newestFirst: true };
  return { status: 200, body: envelope("project_assignments", request, (assignment) => presentProjectAssignment(store, assignment)) };
}

function findUser(ctx: HandlerContext): UserRow {
  const user = ctx.store.find("users", idParam(ctx, "user_id"));
  if (!user) throw notFound();
  return user;
}

/** Teammates exist only for managers; Harvest answers 422 for anyone else. */
function findManager(ctx: HandlerContext): UserRow {
  const user = findUser(ctx);
  if (!user.access_roles.includes("manager")) throw unprocessable(`user ${user.id} is not a Manager; only managers have assigned teammates`);
  return user;
}

const teammates = (store: Store, manager: UserRow): UserRow[] =>
  manager.teammate_ids.map((id) => store.find("users", id)!).sort(NEWEST_FIRST.compare);

/** The user the request's token acts as. */
const caller = (ctx: HandlerContext): UserRow => ctx.store.find("users", ctx.callerId)!;

const presentTeammate = (user: UserRow) => pick(user, ["id", "first_name", "last_name", "email"]);

export const peopleRoutes: Route[] = [
  { method: "GET", pattern: "/users/me", handler: (ctx) => ({ status: 200, body: presentUser(caller(ctx)) }) },
  { method: "GET", pattern: "/users/me/project_assignments", handler: (ctx) => projectAssignments(ctx, caller(ctx), "page") },
  { method: "GET", pattern: "/users/:user_id/project_assignments", handler: (ctx) => projectAssignments(ctx, findUser(ctx), "cursor") },
  {
    method: "GET",
    pattern: "/users/:user_id/teammates",
    handler(ctx) {
      const records = teammates(ctx.store, findManager(ctx));
      const request = { records, query: ctx.query, carried: {}, url: ctx.baseUrl + ctx.path, mode: "cursor" as const, newestFirst: true };
      return { status: 200, body: envelope("teammates", request, presentTeammate) };
    },
  },
  {
    method: "PATCH",
    pattern: "/users/:user_id/teammates",
    handler(ctx) {
      const manager = findManager(ctx);
      const fields = [{ name: "teammate_ids", type: "int[]", required: true, ref: "users" }] as const;
      const ids = readInput(fields, ctx.body, ctx.store, { creating: true }).teammate_ids as number[];
      if (ids.includes(manager.id)) throw unprocessable("teammate_ids can't include the manager themselves");
      // assigning teammates grants the people_manager role; an empty list takes it away
      const roles = manager.access_roles.filter((role) => role !== "people_manager");
      const access_roles = ids.length > 0 ? [...roles, "people_manager"] : roles;
      const updated = { ...manager, teammate_ids: [...new Set(ids)], access_roles, updated_at: timestamp(ctx) };
      ctx.store.save("users", updated);
      return { status: 200, body: { teammates: teammates(ctx.store, updated).map(presentTeammate) } };
    },
  },
];
