/** Builds the sandbox account: same seed, same data; dates are fixed (2026-01-01..2026-06-30), never relative to today. */
import { Store } from "../store.js";
import { addInvoices, addEstimates } from "./billing.js";
import { SeedContext } from "./context.js";
import { addAccountSetup, company } from "./setup.js";
import { addRecentChanges } from "./recent.js";
import { addExpenses, addTimeEntries } from "./work.js";

export const DEFAULT_SEED = 20260101;

export function seedStore(seed: number = DEFAULT_SEED): Store {
  const ctx = new SeedContext(seed);
  addAccountSetup(ctx);
  addTimeEntries(ctx);
  addExpenses(ctx);
  const store = new Store({ company: company(), meId: ctx.tables.users[0]!.id, memberId: ctx.idOf("users", "jonas"), tables: ctx.tables });
  addEstimates(store, ctx);
  addInvoices(store, ctx);
  addRecentChanges(store, ctx);
  return store;
}
