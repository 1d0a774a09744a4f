/** Dates as Harvest writes them: YYYY-MM-DD days, ISO 8601 UTC seconds, "8:00am" clock times. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MS = 86_400_000;

/** The YYYY-MM-DD form of a real calendar day, or undefined; reports also accept YYYYMMDD. */
export function normalizeDate(text: string, allowCompact = false): string | undefined {
  const match = DAY.exec(text) ?? (allowCompact ? COMPACT_DAY.exec(text) : null);
  if (!match) return undefined;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(+year, +month - 1, +day));
  const real = date.getUTCFullYear() === +year && date.getUTCMonth() === +month - 1 && date.getUTCDate() === +day;
  return real ? `${year}-${month}-${day}` : undefined;
}

/** An ISO 8601 date or date-time (UTC when no offset is given), or undefined. */
export function parseDateTime(text: string): Date | undefined {
  if (!DATE_TIME.test(text)) return undefined;
  if (!text.includes("T")) return normalizeDate(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!normalizeDate(text.slice(0, 10))) return undefined;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "2026-06-30T16:00:00Z": Harvest's timestamps carry no milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Minutes after midnight as "8:00am" / "3:05pm". */
export function formatClock(minutes: number): string {
  const hour = Math.floor(minutes / 60) % 24;
  const minute = minutes % 60;
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${hour12}:${String(minute).padStart(2, "0")}${hour < 12 ? "am" : "pm"}`;
}

/** Minutes after midnight of "8:00am", "8am", "8:00 PM" or "14:30", or undefined. */
export function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const suffix = match[3]?.toLowerCase();
  if (minute > 59) return undefined;
  if (suffix) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (suffix === "pm" ? 12 : 0);
  } else if (hour > 23 || match[2] === undefined) {
    return undefined;
  }
  return hour * 60 + minute;
}

export function clockOf(date: Date): number {
  return date.getUTCHours() * 60 + date.getUTCMinutes();
}

/**
 * The sandbox world's clock: it reads `start` when created and then ticks in real time, so the
 * seeded first half of 2026 is always "the past" and new records sort after seeded ones.
 */
export function anchoredClock(start: Date): () => Date {
  const startedAt = Date.now();
  return () => new Date(start.getTime() + (Date.now() - startedAt));
}
