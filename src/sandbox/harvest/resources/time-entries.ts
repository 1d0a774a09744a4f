/** Time entries, in duration mode (hours) or timestamp mode (started_time/ended_time); no hours and no end starts a timer. */
import { isoSeconds, parseClock } from "../dates.js";
import { byField, byUserAndProject, dateRange, flag, isBilled, textEquals, updatedSince } from "../filters.js";
import { forbidden, unprocessable } from "../errors.js";
import { requireValid } from "../guards.js";
import { round2, roundUpToQuarter } from "../math.js";
import type { ExternalReference, Row, TimeEntryRow } from "../model.js";
import type { Input } from "../params.js";
import { clientRef, invoiceRef, projectRef, taskAssignmentRef, taskRef, userAssignmentRef, userRef } from "../refs.js";
import { datedList, defineResource, pick } from "../resource.js";
import type { HandlerContext } from "../router.js";
import { assignAndRate, currentHours, hoursBetween, startTimer, stopOtherTimers } from "../time-tracking.js";

/** A user's time entry before anything is tracked on it: no hours, no timer, not locked or invoiced. */
export function newTimeEntry(userId: number): Omit<TimeEntryRow, keyof Row> {
  return {
    spent_date: "",
    user_id: userId,
    project_id: 0,
    task_id: 0,
    user_assignment_id: 0,
    task_assignment_id: 0,
    notes: null,
    hours_without_timer: 0,
    timer_started_at: null,
    started_time: null,
    ended_time: null,
    is_running: false,
    is_locked: false,
    locked_reason: null,
    is_closed: false,
    invoice_id: null,
    external_reference: null,
    billable: false,
    budgeted: false,
    billable_rate: null,
    cost_rate: null,
  };
}

function externalReference(value: Input): ExternalReference {
  const text = (key: string) => {
    const field = value[key];
    requireValid(field === undefined || field === null || typeof field === "string" || typeof field === "number", `external_reference.${key} must be a string`);
    return field === undefined || field === null ? null : String(field);
  };
  const permalink = text("permalink");
  let service: string | null = null;
  try {
    service = permalink ? new URL(permalink).hostname : null;
  } catch {
    requireValid(false, "external_reference.permalink must be a URL");
  }
  return { id: text("id"), group_id: text("group_id"), account_id: text("account_id"), permalink, service, service_icon_url: null };
}

const LOCK_FIELDS = ["is_locked", "locked_reason", "is_closed"] as const;

/**
 * Harvest keeps time on an archived project or task as it is, and lets only administrators change or delete a
 * locked (approved or invoiced) entry.
 */
function requireChangeable(entry: TimeEntryRow, { store, callerId }: HandlerContext, change: "change" | "delete"): void {
  const project = store.find("projects", entry.project_id);
  const task = store.find("tasks", entry.task_id);
  for (const [kind, record] of [["project", project], ["task", task]] as const)
    if (record && !record.is_active) throw unprocessable(`The ${kind} ${record.name} is archived: time tracked on it can't be ${change}d`);
  const administrator = store.find("users", callerId)?.access_roles.includes("administrator");
  if ((entry.is_locked || entry.is_closed) && !administrator)
    throw forbidden(`This time entry is locked (${entry.locked_reason ?? "approved"}): only an administrator can ${change} it`);
}

export const timeEntries = defineResource({
  ...datedList("time_entries", (entry) => entry.spent_date),
  filters: [
    ...byUserAndProject<TimeEntryRow>(),
    byField<TimeEntryRow>("task_id"),
    textEquals<TimeEntryRow>("external_reference_id", (entry) => entry.external_reference?.id),
    isBilled<TimeEntryRow>(),
    flag<TimeEntryRow>("is_running", (entry) => entry.is_running),
    updatedSince<TimeEntryRow>(),
    ...dateRange<TimeEntryRow>((entry) => entry.spent_date),
  ],
  fields: [
    { name: "user_id", type: "int", ref: "users", createOnly: true },
    { name: "project_id", type: "int", required: true, ref: "projects" },
    { name: "task_id", type: "int", required: true, ref: "tasks" },
    { name: "spent_date", type: "date", required: true },
    { name: "started_time", type: "time" },
    { name: "ended_time", type: "time" },
    { name: "hours", type: "number", min: 0, virtual: true },
    { name: "notes", type: "string" },
    { name: "external_reference", type: "object", virtual: true },
  ],
  defaults: (ctx) => newTimeEntry(ctx.callerId),
  prepare(entry, input, ctx, existing) {
    const { store } = ctx;
    const now = ctx.now();
    if (existing) requireChangeable(existing, ctx, "change");
    if (!existing || "project_id" in input || "task_id" in input) assignAndRate(store, entry);
    if ("external_reference" in input) {
      entry.external_reference = input.external_reference ? externalReference(input.external_reference as Input) : null;
    }
    const hours = input.hours as number | null | undefined;
    const timesChanged = "started_time" in input || "ended_time" in input;
    requireValid(!entry.ended_time || entry.started_time !== null, "started_time can't be blank when ended_time is given");
    if (hours !== undefined && hours !== null) {
      entry.hours_without_timer = round2(hours);
      // a running timer keeps running on top of the corrected total
      if (entry.is_running) entry.timer_started_at = isoSeconds(now);
    } else if (timesChanged && entry.started_time && entry.ended_time) {
      requireValid(parseClock(entry.ended_time)! >= parseClock(entry.started_time)!, "ended_time must be after started_time");
      entry.hours_without_timer = hoursBetween(entry.started_time, entry.ended_time);
      entry.is_running = false;
      entry.timer_started_at = null;
    } else if (!existing) {
      startTimer(entry, now, store.company.wants_timestamp_timers);
      return () => stopOtherTimers(store, entry, now);
    }
    return undefined;
  },
  deleteGuard(entry, ctx) {
    requireChangeable(entry, ctx, "delete");
    return undefined;
  },
  present(entry, { store, now }) {
    const hours = currentHours(entry, now());
    return {
      id: entry.id,
      spent_date: entry.spent_date,
      user: userRef(store, entry.user_id),
      client: clientRef(store, store.find("projects", entry.project_id)?.client_id ?? 0),
      project: projectRef(store, entry.project_id, false),
      task: taskRef(store, entry.task_id),
      user_assignment: userAssignmentRef(store, entry.user_assignment_id),
      task_assignment: taskAssignmentRef(store, entry.task_assignment_id),
      hours,
      hours_without_timer: entry.hours_without_timer,
      rounded_hours: roundUpToQuarter(hours),
      notes: entry.notes,
      created_at: entry.created_at,
      updated_at: entry.updated_at,
      ...pick(entry, LOCK_FIELDS),
      is_billed: entry.invoice_id !== null,
      ...pick(entry, ["timer_started_at", "started_time", "ended_time", "is_running"]),
      invoice: invoiceRef(store, entry.invoice_id),
      ...pick(entry, ["external_reference", "billable", "budgeted", "billable_rate", "cost_rate"]),
    };
  },
});
