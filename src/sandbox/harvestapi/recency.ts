/** Date-window filters: postedLimit (LinkedIn's own), scrapePostedLimit (HarvestAPI's post-filter). */
import { choice, type Query } from "./params.js";
import { DAY_MS, HOUR_MS, SANDBOX_NOW } from "./time.js";

const WINDOWS = {
  "1h": HOUR_MS,
  "24h": DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  "3months": 90 * DAY_MS,
  "6months": 180 * DAY_MS,
  year: 365 * DAY_MS,
} as const;

type Window = keyof typeof WINDOWS;

const POSTED_LIMITS: Window[] = ["24h", "week", "month"];
const SCRAPE_POSTED_LIMITS = Object.keys(WINDOWS) as Window[];

/** The earliest timestamp the query's postedLimit and scrapePostedLimit allow (the stricter of the two). */
export function postedSince(query: Query): number {
  const windows = [choice(query, "postedLimit", POSTED_LIMITS), choice(query, "scrapePostedLimit", SCRAPE_POSTED_LIMITS)];
  const spans = windows.filter((window): window is Window => window !== undefined).map((window) => WINDOWS[window]);
  return spans.length ? SANDBOX_NOW - Math.min(...spans) : -Infinity;
}

export const newestFirst = <T>(records: readonly T[], at: (record: T) => number): T[] => [...records].sort((a, b) => at(b) - at(a));
