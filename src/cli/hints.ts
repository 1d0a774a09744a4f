/** Clearer errors for the terminal, and notes on stderr saying what to do next when the fix is a CLI command. */
import { AuthError } from "../errors.js";
import type { ResultMeta } from "../runtime/types.js";

export function withNextSteps(error: unknown, connector: string, account: string): unknown {
  if (error instanceof AuthError && error.reason === "missing") {
    const flag = account === "default" ? "" : ` --account ${account}`;
    error.message += `, or run: connectors credentials set ${connector}${flag}\nTo try it without an account, add --sandbox.`;
  }
  return error;
}

/** Table, CSV and ndjson leave out meta: when records remain, say how to go on from the last one printed. */
export function nextPageNote(meta: ResultMeta): string | undefined {
  if (!meta.has_more || !meta.cursor) return undefined;
  return `more records: add --cursor ${meta.cursor} to go on after the last one (or --all for every page)`;
}

/** A change made with --sandbox is gone at the next call: say where state persists. */
export function sandboxNote(readOnly: boolean): string | undefined {
  if (readOnly) return undefined;
  return "note: --sandbox starts from the seeded data on every call, so this change is gone at the next; for state that persists across calls, run connectors sandbox in another terminal and call without --sandbox";
}
