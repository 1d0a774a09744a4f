/** Keeps a call within its budget: refuses before sending when the estimate is over, and before any page that would pass it. */
import { CreditsError } from "../errors.js";
import { round, type CostEstimate } from "./costs.js";

/** $0.5, or 0.5 EUR. */
export const money = (amount: number, currency: string) => `${currency === "USD" ? "$" : `${currency} `}${round(amount)}`;

export class BudgetGuard {
  spent = 0;

  constructor(
    private readonly estimate: CostEstimate,
    private readonly budget: number | undefined,
    private readonly call: string,
    private readonly onSpend?: (amount: number) => void,
  ) {}

  /** Before anything is sent. */
  checkUpFront(): void {
    if (this.budget === undefined) return;
    const { amount, requests, per_request, currency } = this.estimate;
    const needed = requests === null ? per_request : amount;
    if (needed <= this.budget) return;
    const how = requests === null ? "its first page alone" : requests > 1 ? `${requests} requests × ${money(per_request, currency)}` : "one request";
    throw new CreditsError(
      `${this.call} would cost about ${money(needed, currency)} (${how}), over the budget of ${money(this.budget, currency)}; nothing was sent`,
      { cost: needed, budget: this.budget, spent: 0 },
    );
  }

  record(cost: number | undefined): void {
    this.spent = round(this.spent + (cost ?? 0));
    if (cost) this.onSpend?.(cost);
  }

  /** Before the next page: the pages still to come, now that the API may have said how many there are. */
  checkNext(pagesDone: number, totalPages: number | undefined): void {
    if (this.budget === undefined) return;
    const { per_request, currency } = this.estimate;
    const known = Math.min(totalPages ?? Infinity, this.estimate.requests ?? Infinity);
    const pagesLeft = Number.isFinite(known) ? Math.max(known - pagesDone, 1) : 1;
    const projected = round(this.spent + pagesLeft * per_request);
    if (projected <= this.budget) return;
    throw new CreditsError(
      `${this.call} would cost about ${money(projected, currency)} with its ${pagesLeft} remaining page(s), over the budget of ${money(this.budget, currency)}; stopped after spending ${money(this.spent, currency)}`,
      { cost: projected, budget: this.budget, spent: this.spent },
    );
  }
}
