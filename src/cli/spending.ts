/**
 * Paid calls from the CLI: one whose estimate is over CONNECTORS_CONFIRM_ABOVE (default 0.10 in the connector's
 * currency), or a walk over pages of unknown number, is sent only when the person agrees: asked on a terminal,
 * else said in advance with --yes, or capped with --budget (the runtime holds the call to it).
 */
import { ValidationError } from "../errors.js";
import type { CostEstimate } from "../runtime/costs.js";

const THRESHOLD_VARIABLE = "CONNECTORS_CONFIRM_ABOVE";
const DEFAULT_THRESHOLD = 0.1;

/** The runtime's `beforeSpending` hook for one command, or undefined when the flags already agreed. */
export function spendingCheck(flags: { yes?: boolean; budget?: number }, call: { connector: string; entity: string; action: string }): ((estimate: CostEstimate) => Promise<void>) | undefined {
  if (flags.yes || flags.budget !== undefined) return undefined;
  const threshold = confirmThreshold(process.env[THRESHOLD_VARIABLE]);
  return async (estimate) => {
    if (estimate.per_request === 0 || (estimate.requests !== null && estimate.amount <= threshold)) return;
    const billed = estimate.billed_by === call.connector ? "" : ` (billed by ${estimate.billed_by})`;
    const cost = `${call.connector} ${call.entity}.${call.action} ${costText(estimate)}${billed}`;
    // A person can be asked only with stdin and stderr on a terminal.
    if (!process.stdin.isTTY || !process.stderr.isTTY)
      throw new ValidationError(
        `${cost}, over the ${threshold} ${estimate.currency} a call may spend without asking (${THRESHOLD_VARIABLE}); add --yes to send it, or --budget to cap what it may spend; nothing was sent`,
      );
    // readline only when a question is asked: most calls never load it.
    const { confirm } = await import("./prompt.js");
    if (!(await confirm(`${cost}. Send it? [y/N] `))) throw new Error("cancelled; nothing was sent");
  };
}

function costText(e: CostEstimate): string {
  if (e.requests === null) return `costs ${e.per_request} ${e.currency} per page, for as many pages as the list has`;
  return `is estimated at ${e.amount} ${e.currency} (${e.requests} request${e.requests === 1 ? "" : "s"} at ${e.per_request} ${e.currency})`;
}

function confirmThreshold(text: string | undefined): number {
  if (text === undefined || text === "") return DEFAULT_THRESHOLD;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) throw new ValidationError(`${THRESHOLD_VARIABLE} must be an amount of money, 0 or more, such as 0.5 (got "${text}")`);
  return value;
}
