/** The sandbox's fixed "now": seeded dates and relative filters (postedLimit, dateOption) count from it, never from today. */

export const SANDBOX_NOW = Date.UTC(2026, 5, 30, 12, 0, 0);

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** LinkedIn's "3d" / "3 days ago" pair for a timestamp before SANDBOX_NOW. */
export function postedAgo(timestamp: number): { short: string; text: string } {
  const hours = Math.max(1, Math.floor((SANDBOX_NOW - timestamp) / HOUR_MS));
  const units: Array<[string, string, number]> = [
    ["y", "year", 365 * 24],
    ["mo", "month", 30 * 24],
    ["w", "week", 7 * 24],
    ["d", "day", 24],
    ["h", "hour", 1],
  ];
  const [short, word, size] = units.find(([, , size]) => hours >= size)!;
  const count = Math.floor(hours / size);
  return { short: `${count}${short}`, text: `${count} ${word}${count === 1 ? "" : "s"} ago` };
}

export const isoDate = (timestamp: number): string => new Date(timestamp).toISOString();
