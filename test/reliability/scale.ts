/**
 * The reliability suite's numbers: small enough for `npm test`, the full numbers under `npm run soak`
 * (RELIABILITY_SCALE=soak). The same code runs at both scales; each test file reports what it did (figures).
 */
import { writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SOAK = process.env.RELIABILITY_SCALE === "soak";

export const SCALE = SOAK
  ? { users: 200, workspaces: 2, apiCallsPerUser: 20, mcpUsers: 200, mcpCallsPerUser: 20, fuzzRuns: 2000, hostedFuzzRuns: 600, crashCalls: 600, inFlight: 400, faultRounds: 20 }
  : { users: 200, workspaces: 2, apiCallsPerUser: 2, mcpUsers: 20, mcpCallsPerUser: 2, fuzzRuns: 150, hostedFuzzRuns: 80, crashCalls: 80, inFlight: 100, faultRounds: 2 };

const FIGURES = join(tmpdir(), `agent-connectors-reliability-${SOAK ? "soak" : "test"}.json`);

/** Adds this run's figures for one part of the suite to a file RELIABILITY.md's table is copied from, and prints them. */
export function reportFigures(part: string, figures: Record<string, number>): void {
  let all: Record<string, Record<string, number>> = {};
  try {
    all = JSON.parse(readFileSync(FIGURES, "utf8")) as typeof all;
  } catch {
    // first part of this run
  }
  all[part] = figures;
  writeFileSync(FIGURES, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`reliability figures (${SOAK ? "soak" : "npm test"}) ${part}: ${JSON.stringify(figures)}`);
}

/** Runs `work` over `items` with at most `limit` at once, in order of start. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
