/** Clearer errors for the terminal, with what to do next when the fix is a CLI command. */
import { AuthError } from "../errors.js";

export function withNextSteps(error: unknown, connector: string, account: string): unknown {
  if (error instanceof AuthError && error.reason === "missing") {
    const flag = account === "default" ? "" : ` --account ${account}`;
    error.message += `, or run: connectors credentials set ${connector}${flag}\nTo try it without an account, add --sandbox.`;
  }
  return error;
}
