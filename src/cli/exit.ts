/** Distinct exit codes per error kind, so scripts can branch on what went wrong. */
import type { ErrorCode } from "../errors.js";

const EXIT_CODES: Partial<Record<ErrorCode, number>> = {
  E_AUTH: 2,
  E_NOT_FOUND: 3,
  E_VALIDATION: 4,
  E_SCOPE: 4,
  E_MANIFEST: 4,
  E_RATE_LIMIT: 5,
  E_CREDITS: 5,
  E_LIMIT: 6,
};

export function exitCodeFor(error: unknown): number {
  const code = (error as { code?: ErrorCode })?.code;
  return (code && EXIT_CODES[code]) ?? 1;
}

export function reportError(error: unknown): void {
  const e = error as { name?: string; code?: string; message?: string };
  const label = e?.code?.startsWith("E_") ? `${e.name}` : "error";
  process.stderr.write(`${label}: ${e?.message ?? String(error)}\n`);
}

/** A reader that stops early (`connectors ... | head`) closes the pipe: the command ends there, quietly and successfully. */
export function endQuietlyOnClosedOutput(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
}
