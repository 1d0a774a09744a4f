/**
 * A script's money: what its calls spent, all connectors together, and what a new call may still spend. Calls in
 * flight hold what they are expected to cost, so concurrent calls cannot each spend the same remainder.
 */
import { CreditsError } from "../../errors.js";
import { money } from "../budget.js";
import { round } from "../costs.js";

/** One call's share: the budget it runs with (undefined: no budget), and what it has spent so far. */
export interface Hold {
  budget?: number;
  expected: number;
  spent: number;
}

export class Purse {
  spent = 0;
  private readonly holds = new Set<Hold>();

  constructor(readonly budget: number | undefined) {}

  /** A call about to start, expected to cost `expected`: what it may spend is what is left less what others hold. */
  open(expected: number): Hold {
    let held = 0;
    for (const hold of this.holds) held += Math.max(0, hold.expected - hold.spent);
    const hold: Hold = { expected, spent: 0 };
    if (this.budget !== undefined) hold.budget = Math.max(0, round(this.budget - this.spent - held));
    this.holds.add(hold);
    return hold;
  }

  spend(hold: Hold, amount: number): void {
    hold.spent = round(hold.spent + amount);
    this.spent = round(this.spent + amount);
  }

  close(hold: Hold): void {
    this.holds.delete(hold);
  }

  /** The call's refusal (its budget was what the script had left) as the script's own: what was spent, what to raise. */
  exhausted(refusal: CreditsError, currency: string): CreditsError {
    const budget = money(this.budget ?? 0, currency);
    return new CreditsError(
      `${refusal.message}. That was what is left of the script's budget of ${budget} after ${money(this.spent, currency)} spent, so the script was stopped: ` +
        "spend less (smaller limits, fewer items) or raise the budget (option budget)",
      { cost: refusal.cost, budget: this.budget, spent: this.spent },
    );
  }

  /** Whether a call's CreditsError is the refusal of the budget it ran with (not the API's own balance). */
  refused(hold: Hold, error: unknown): error is CreditsError {
    return error instanceof CreditsError && hold.budget !== undefined && error.budget === hold.budget;
  }
}
