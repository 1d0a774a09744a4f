/** Six months of tracked time (about 3000 entries, one timer still running) and expenses, 2026-01-01..2026-06-30. */
import { addDays, weekday } from "../dates.js";
import { round2 } from "../math.js";
import type { ProjectRow, TaskAssignmentRow, UserAssignmentRow, UserRow } from "../model.js";
import { newExpense } from "../resources/expenses.js";
import { newTimeEntry } from "../resources/time-entries.js";
import { rateSnapshot } from "../time-tracking.js";
import { EXPENSE_CATEGORIES, TASKS, USERS } from "./catalog.js";
import { stamp, type SeedContext } from "./context.js";

export const FIRST_DAY = "2026-01-01";
export const LAST_DAY = "2026-06-30";
/** The administrator's timer on the last day, started before the sandbox clock's 16:00 start. */
const RUNNING_TIMER_STARTED_AT = "2026-06-30T15:10:00Z";

function* workingDays(): Generator<string> {
  for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
    if (weekday(day) !== 0 && weekday(day) !== 6) yield day;
  }
}

const runsOn = (project: ProjectRow, day: string) => (project.starts_on ?? "") <= day && (project.ends_on === null || day <= project.ends_on);

/** A user's assignments to projects running that day, with the tasks they can track there. */
function workOn(ctx: SeedContext, user: UserRow, day: string): { assignment: UserAssignmentRow; project: ProjectRow; tasks: TaskAssignmentRow[] }[] {
  return ctx.tables.user_assignments
    .filter((assignment) => assignment.user_id === user.id)
    .map((assignment) => {
      const project = ctx.tables.projects.find((candidate) => candidate.id === assignment.project_id)!;
      const tasks = ctx.tables.task_assignments.filter((task) => task.project_id === project.id && task.is_active);
      return { assignment, project, tasks };
    })
    .filter(({ project }) => runsOn(project, day));
}

function notesFor(ctx: SeedContext, taskId: number): string {
  const name = ctx.tables.tasks.find((task) => task.id === taskId)!.name;
  return ctx.prng.pick(TASKS.find((task) => task.name === name)!.notes);
}

function addEntry(ctx: SeedContext, user: UserRow, work: ReturnType<typeof workOn>[number], day: string, createdAt: string, hours: number) {
  const { assignment, project } = work;
  const task = ctx.prng.pick(work.tasks);
  return ctx.add("time_entries", {
    ...newTimeEntry(user.id),
    spent_date: day,
    project_id: project.id,
    task_id: task.task_id,
    notes: notesFor(ctx, task.task_id),
    hours_without_timer: hours,
    ...rateSnapshot(project, user, assignment, task),
    created_at: createdAt,
    updated_at: createdAt,
  });
}

export function addTimeEntries(ctx: SeedContext): void {
  const users = ctx.tables.users;
  for (const day of workingDays()) {
    users.forEach((user, userIndex) => {
      const seed = USERS[userIndex]!;
      if (seed.archivedAfter && day > seed.archivedAfter) return;
      const work = workOn(ctx, user, day);
      if (work.length === 0) return;
      const count = ctx.prng.int(...seed.entriesPerDay);
      for (let slot = 0; slot < count; slot += 1) {
        const createdAt = stamp(day, 480 + (userIndex * 6 + slot) * 7);
        addEntry(ctx, user, ctx.prng.pick(work), day, createdAt, ctx.prng.int(1, 14) * 0.25);
      }
    });
  }
  const me = users[0]!;
  const timer = addEntry(ctx, me, workOn(ctx, me, LAST_DAY)[0]!, LAST_DAY, RUNNING_TIMER_STARTED_AT, 0);
  Object.assign(timer, { is_running: true, timer_started_at: RUNNING_TIMER_STARTED_AT });
}

export function addExpenses(ctx: SeedContext): void {
  const users = ctx.tables.users;
  for (const day of workingDays()) {
    if (!ctx.prng.chance(0.6)) continue;
    const user = ctx.prng.pick(users.filter((candidate) => candidate.is_active || day <= "2026-01-30"));
    const work = workOn(ctx, user, day);
    if (work.length === 0) continue;
    const { assignment, project } = ctx.prng.pick(work);
    const categories = ctx.tables.expense_categories.filter((category) => category.is_active || day < "2026-02-01");
    const category = ctx.prng.pick(categories);
    const seed = EXPENSE_CATEGORIES.find((candidate) => candidate.name === category.name)!;
    const priced = category.unit_price !== null;
    const units = priced ? ctx.prng.int(...seed.range) : 1;
    const total = priced ? units * category.unit_price! : ctx.prng.int(seed.range[0] * 100, seed.range[1] * 100) / 100;
    const createdAt = stamp(day, 660 + ctx.prng.int(0, 90));
    ctx.add("expenses", {
      ...newExpense(user.id),
      project_id: project.id,
      expense_category_id: category.id,
      user_assignment_id: assignment.id,
      spent_date: day,
      units,
      total_cost: round2(total),
      notes: ctx.prng.pick(seed.notes),
      billable: project.is_billable && category.name !== "Software",
      created_at: createdAt,
      updated_at: createdAt,
    });
  }
}
