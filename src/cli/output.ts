/** Formats records for the terminal or a pipe: json, ndjson, table, csv. */
export type Format = "json" | "ndjson" | "table" | "csv";

/** One level of nesting becomes dotted columns (project.name); deeper values are JSON. */
function flatten(record: unknown): Record<string, string> {
  const row: Record<string, string> = {};
  const put = (key: string, value: unknown) => (row[key] = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));
  if (typeof record !== "object" || record === null) return { value: String(record) };
  for (const [key, value] of Object.entries(record)) {
    if (value && typeof value === "object" && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) put(`${key}.${k}`, v);
    else put(key, value);
  }
  return row;
}

function columnsOf(rows: Record<string, string>[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

export function toCsv(records: unknown[]): string {
  if (records.length === 0) return "";
  const rows = records.map(flatten);
  const columns = columnsOf(rows);
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.map(cell).join(","), ...rows.map((r) => columns.map((c) => cell(r[c] ?? "")).join(","))].join("\n") + "\n";
}

export function toTable(records: unknown[]): string {
  if (records.length === 0) return "";
  const rows = records.map(flatten);
  const columns = columnsOf(rows);
  const clip = (v: string) => (v.length > 40 ? `${v.slice(0, 39)}…` : v).replace(/\s+/g, " ");
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => clip(r[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((v, i) => v.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(columns), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(columns.map((c) => clip(r[c] ?? ""))))].join("\n") + "\n";
}
