/** The small embedded objects Harvest nests in records: { id, name } and friends. */
import type { Store } from "./store.js";

type Ref = Record<string, unknown> | null;

export const fullName = (user: { first_name: string; last_name: string }): string => `${user.first_name} ${user.last_name}`;

export function userRef(store: Store, id: number): Ref {
  const user = store.find("users", id);
  return user ? { id, name: fullName(user) } : null;
}

export function clientRef(store: Store, id: number, withCurrency = false): Ref {
  const client = store.find("clients", id);
  if (!client) return null;
  return withCurrency ? { id, name: client.name, currency: client.currency } : { id, name: client.name };
}

export function projectRef(store: Store, id: number | null, withCode = true): Ref {
  const project = id === null ? undefined : store.find("projects", id);
  if (!project) return null;
  return withCode ? { id: project.id, name: project.name, code: project.code } : { id: project.id, name: project.name };
}

export function taskRef(store: Store, id: number): Ref {
  const task = store.find("tasks", id);
  return task ? { id, name: task.name } : null;
}

export function invoiceRef(store: Store, id: number | null): Ref {
  const invoice = id === null ? undefined : store.find("invoices", id);
  return invoice ? { id: invoice.id, number: invoice.number } : null;
}

export function userAssignmentRef(store: Store, id: number): Ref {
  const assignment = store.find("user_assignments", id);
  if (!assignment) return null;
  const { is_project_manager, is_active, budget, created_at, updated_at, hourly_rate } = assignment;
  return { id, is_project_manager, is_active, budget, created_at, updated_at, hourly_rate };
}

export function taskAssignmentRef(store: Store, id: number): Ref {
  const assignment = store.find("task_assignments", id);
  if (!assignment) return null;
  const { billable, is_active, created_at, updated_at, hourly_rate, budget } = assignment;
  return { id, billable, is_active, created_at, updated_at, hourly_rate, budget };
}
