/** PATCH /time_entries/{id}/stop and /restart, DELETE /time_entries/{id}/external_reference. */
import { notFound, unprocessable } from "../errors.js";
import type { TimeEntryRow } from "../model.js";
import { timeEntries } from "../resources/time-entries.js";
import { idParam, timestamp, type HandlerContext, type Route } from "../router.js";
import { startTimer, stopOtherTimers, stopTimer } from "../time-tracking.js";

function findEntry(ctx: HandlerContext): TimeEntryRow {
  const entry = ctx.store.find("time_entries", idParam(ctx));
  if (!entry) throw notFound();
  return entry;
}

/** Saves a changed copy of the entry and answers with it. */
function saveAndPresent(ctx: HandlerContext, entry: TimeEntryRow) {
  ctx.store.save("time_entries", entry);
  return { status: 200, body: timeEntries.present(entry, ctx) };
}

export const timerRoutes: Route[] = [
  {
    method: "PATCH",
    pattern: "/time_entries/:id/stop",
    handler(ctx) {
      const entry = { ...findEntry(ctx) };
      if (!entry.is_running) throw unprocessable("Only a running time entry can be stopped; this one is not running");
      stopTimer(entry, ctx.now(), ctx.store.company.wants_timestamp_timers);
      return saveAndPresent(ctx, entry);
    },
  },
  {
    method: "PATCH",
    pattern: "/time_entries/:id/restart",
    handler(ctx) {
      const entry = { ...findEntry(ctx), updated_at: timestamp(ctx) };
      if (entry.is_running) throw unprocessable("Only a stopped time entry can be restarted; this one is already running");
      if (entry.is_locked) throw unprocessable(`This time entry is locked and can't be restarted: ${entry.locked_reason ?? "locked"}`);
      startTimer(entry, ctx.now(), ctx.store.company.wants_timestamp_timers);
      stopOtherTimers(ctx.store, entry, ctx.now());
      return saveAndPresent(ctx, entry);
    },
  },
  {
    method: "DELETE",
    pattern: "/time_entries/:id/external_reference",
    handler(ctx) {
      ctx.store.save("time_entries", { ...findEntry(ctx), external_reference: null, updated_at: timestamp(ctx) });
      return { status: 200 };
    },
  },
];
