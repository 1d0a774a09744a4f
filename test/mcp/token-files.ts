/** Token files for the tests, in a temporary directory removed after the test file. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "connectors-mcp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

/** Writes `contents` (JSON unless a string) to a new file with `mode` (default 0600: only its owner reads it). */
export function tokenFile(contents: unknown, mode = 0o600): string {
  const file = join(dir, `tokens-${++count}.json`);
  writeFileSync(file, typeof contents === "string" ? contents : JSON.stringify(contents));
  chmodSync(file, mode);
  return file;
}

export function tempDir(): string {
  return dir;
}
