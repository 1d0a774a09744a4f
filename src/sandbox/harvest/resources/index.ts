/** The table of generic resources: each row is served by the one CRUD mechanism in crud.ts. */
import type { AnyResource } from "../resource.js";
import { estimateItemCategories, expenseCategories, invoiceItemCategories, roles, tasks } from "./catalog.js";
import { clients, contacts } from "./clients.js";
import { estimateMessages, estimates } from "./estimates.js";
import { expenses } from "./expenses.js";
import { invoiceMessages, invoicePayments, invoices } from "./invoices.js";
import { projects, taskAssignments, userAssignments } from "./projects.js";
import { timeEntries } from "./time-entries.js";
import { billableRates, costRates, users } from "./users.js";

export const RESOURCES: readonly AnyResource[] = [
  clients,
  contacts,
  tasks,
  roles,
  expenseCategories,
  invoiceItemCategories,
  estimateItemCategories,
  projects,
  taskAssignments,
  userAssignments,
  users,
  billableRates,
  costRates,
  timeEntries,
  expenses,
  invoices,
  invoiceMessages,
  invoicePayments,
  estimates,
  estimateMessages,
];
