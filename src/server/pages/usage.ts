/** The console's usage figures: calls and errors per hour over the last 7 days, and costs per user and connector over 30. */
import type { AuditTotal, Store } from "../store/types.js";

export const CHART_HOURS = 7 * 24;
export const COST_DAYS = 30;
const HOUR_MS = 60 * 60 * 1000;

export interface HourTotal {
  /** "2026-07-01T12" */
  hour: string;
  calls: number;
  errors: number;
}

export interface CostLine {
  user_id: string;
  connector_type: string;
  calls: number;
  errors: number;
  cost: number;
}

/** Every hour of the window, the quiet ones included, oldest first. */
export function hourlySeries(totals: AuditTotal[], now: Date, hours = CHART_HOURS): HourTotal[] {
  const byHour = new Map<string, HourTotal>();
  const last = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  for (let i = hours - 1; i >= 0; i--) {
    const hour = new Date(last - i * HOUR_MS).toISOString().slice(0, 13);
    byHour.set(hour, { hour, calls: 0, errors: 0 });
  }
  for (const total of totals) {
    const slot = byHour.get(total.hour);
    if (!slot) continue;
    slot.calls += total.calls;
    slot.errors += total.errors;
  }
  return [...byHour.values()];
}

/** Per user and connector type, most expensive first (then most calls). */
export function costLines(totals: AuditTotal[]): CostLine[] {
  const lines = new Map<string, CostLine>();
  for (const total of totals) {
    const key = JSON.stringify([total.user_id, total.connector_type]);
    const line = lines.get(key) ?? { user_id: total.user_id, connector_type: total.connector_type, calls: 0, errors: 0, cost: 0 };
    line.calls += total.calls;
    line.errors += total.errors;
    line.cost += total.cost;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => b.cost - a.cost || b.calls - a.calls);
}

export async function usageData(store: Store, workspaceId: string, now: Date): Promise<{ hours: HourTotal[]; costs: CostLine[] }> {
  const since = (hours: number) => new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (hours - 1) * HOUR_MS).toISOString();
  const [recent, month] = await Promise.all([store.auditTotals(workspaceId, since(CHART_HOURS)), store.auditTotals(workspaceId, since(COST_DAYS * 24))]);
  return { hours: hourlySeries(recent, now), costs: costLines(month) };
}
