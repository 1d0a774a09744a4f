/** What makes a time entry valid and what it costs, and how timers run: shared by the CRUD spec, stop/restart and the seed. */
import { clockOf, formatClock, isoSeconds, parseClock } from "./dates.js";
import { unprocessable } from "./errors.js";
import { round2 } from "./math.js";
import type { ProjectRow, TaskAssignmentRow, TimeEntryRow, UserAssignmentRow, UserRow } from "./model.js";
import type { Store } from "./store.js";

export const LOCKED_BY_INVOICE = "Item Invoiced and Locked for this Time Period";

/** The active assignment of a user to a project; 422 when there is none. */
export function userAssignmentFor(store: Store, projectId: number, userId: number): UserAssignmentRow {
  const assignment = store.where("user_assignments", (a) => a.project_id === projectId && a.user_id === userId && a.is_active).at(0);
  if (!assignment) throw unprocessable(`user_id ${userId} is not assigned to project ${projectId}`);
  return assignment;
}

/** The active user and task assignments that let `user_id` track `task_id` on `project_id`; 422 otherwise. */
export function assignmentsFor(
  store: Store,
  entry: { user_id: number; project_id: number; task_id: number },
): { userAssignment: UserAssignmentRow; taskAssignment: TaskAssignmentRow } {
  const project = store.find("projects", entry.project_id)!;
  if (!project.is_active) throw unprocessable(`project_id ${project.id} is archived; time can't be tracked on it`);
  const userAssignment = userAssignmentFor(store, project.id, entry.user_id);
  const taskAssignment = store
    .where("task_assignments", (a) => a.project_id === project.id && a.task_id === entry.task_id && a.is_active)
    .at(0);
  if (!taskAssignment) throw unprocessable(`task_id ${entry.task_id} is not assigned to project ${project.id}`);
  return { userAssignment, taskAssignment };
}

/** The hourly rate Harvest bills, following the project's bill_by. */
function billableRate(project: ProjectRow, user: UserRow, userAssignment: UserAssignmentRow, taskAssignment: TaskAssignmentRow): number | null {
  switch (project.bill_by) {
    case "Project":
      return project.hourly_rate;
    case "Tasks":
      return taskAssignment.hourly_rate;
    case "People":
      return userAssignment.use_default_rates ? user.default_hourly_rate : userAssignment.hourly_rate;
    case "none":
      return null;
  }
}

type Rated = "user_assignment_id" | "task_assignment_id" | "billable" | "budgeted" | "billable_rate" | "cost_rate";

/** What tracking time on these assignments fixes on an entry: the assignments, billable, budgeted and the rates of the moment. */
export function rateSnapshot(
  project: ProjectRow,
  user: UserRow,
  userAssignment: UserAssignmentRow,
  taskAssignment: TaskAssignmentRow,
): Pick<TimeEntryRow, Rated> {
  const billable = project.is_billable && taskAssignment.billable;
  return {
    user_assignment_id: userAssignment.id,
    task_assignment_id: taskAssignment.id,
    billable,
    budgeted: project.budget_by !== "none",
    billable_rate: billable ? billableRate(project, user, userAssignment, taskAssignment) : null,
    cost_rate: user.cost_rate,
  };
}

/** Links the entry to its active assignments (422 without them) and snapshots billable, budgeted and the rates. */
export function assignAndRate(store: Store, entry: TimeEntryRow): void {
  const { userAssignment, taskAssignment } = assignmentsFor(store, entry);
  const project = store.find("projects", entry.project_id)!;
  const user = store.find("users", entry.user_id)!;
  Object.assign(entry, rateSnapshot(project, user, userAssignment, taskAssignment));
}

/** Hours from started_time to ended_time ("8:00am" to "9:30am" is 1.5); none when the end is not after the start. */
export function hoursBetween(startedTime: string, endedTime: string): number {
  return round2(Math.max(0, parseClock(endedTime)! - parseClock(startedTime)!) / 60);
}

/**
 * Hours tracked so far, including the running timer: in timestamp mode (an entry with a started_time) the hours
 * between started_time and now, in duration mode the hours before the timer plus those since it started.
 */
export function currentHours(entry: TimeEntryRow, now: Date): number {
  if (!entry.is_running) return entry.hours_without_timer;
  if (entry.started_time) return hoursBetween(entry.started_time, formatClock(clockOf(now)));
  if (!entry.timer_started_at) return entry.hours_without_timer;
  const elapsed = Math.max(0, now.getTime() - Date.parse(entry.timer_started_at)) / 3_600_000;
  return round2(entry.hours_without_timer + elapsed);
}

export function startTimer(entry: TimeEntryRow, now: Date, timestampTimers: boolean): void {
  entry.is_running = true;
  entry.timer_started_at = isoSeconds(now);
  if (timestampTimers) {
    entry.started_time ??= formatClock(clockOf(now));
    entry.ended_time = null;
  }
}

/** A stopped timer keeps its hours so far; in timestamp mode it ends now, so they are those from its start to its end. */
export function stopTimer(entry: TimeEntryRow, now: Date, timestampTimers: boolean): void {
  entry.hours_without_timer = currentHours(entry, now);
  entry.is_running = false;
  entry.timer_started_at = null;
  if (timestampTimers) entry.ended_time = formatClock(clockOf(now));
  entry.updated_at = isoSeconds(now);
}

/** Harvest keeps one running timer per user: starting one stops the others. */
export function stopOtherTimers(store: Store, entry: TimeEntryRow, now: Date): void {
  const running = store.where("time_entries", (other) => other.is_running && other.user_id === entry.user_id && other.id !== entry.id);
  for (const other of running) {
    const stopped = { ...other };
    stopTimer(stopped, now, store.company.wants_timestamp_timers);
    store.save("time_entries", stopped);
  }
}
