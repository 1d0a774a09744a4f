/** The benchmark harness's arithmetic and interleaving (bench/lib/stats.mjs): what every figure in results.json rests on. */
import { describe, expect, it } from "vitest";
import { interleave, makeFigure, median, percentile, roundRatios, targetMet, type Target } from "../../bench/lib/stats.mjs";

describe("bench statistics", () => {
  it("takes medians of odd and even counts, unsorted", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("takes nearest-rank percentiles", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7, 3], 0)).toBe(3);
    expect(percentile([3, 9, 4], 99)).toBe(9);
  });

  it("gives a paired figure the median of its rounds' ratios, not the ratio of its medians", () => {
    const figure = makeFigure({ name: "execute", unit: "µs", samples: [10, 40, 21], baseline: { name: "raw", samples: [10, 10, 20] } });
    expect(figure).toMatchObject({ median: 21, min: 10, max: 40, runs: 3, baseline: "raw", ratio: 1.05, ratio_min: 1, ratio_max: 4 });
    expect(() => roundRatios([1, 2], [1])).toThrow(/as many rounds/);
  });

  it("checks targets on the ratio or the median, at most or at least", () => {
    const paired = (samples: number[], target: Target) => makeFigure({ name: "f", unit: "x", samples, baseline: { name: "b", samples: [10, 10, 10] }, target });
    expect(paired([11, 11, 11], { of: "ratio", atMost: 1.1 }).met).toBe(true);
    expect(paired([12, 11, 12], { of: "ratio", atMost: 1.1 }).met).toBe(false);
    expect(paired([8, 9, 9], { of: "ratio", atLeast: 0.85 }).met).toBe(true);
    expect(makeFigure({ name: "rss", unit: "MiB", samples: [70, 60, 50], target: { of: "median", atMost: 64 } }).met).toBe(true);
    expect(makeFigure({ name: "rss", unit: "MiB", samples: [70, 65, 50], target: { of: "median", atMost: 64 } }).met).toBe(false);
    // A ratio target on a figure without a baseline cannot be met.
    expect(targetMet({ median: 1, target: { of: "ratio", atMost: 2 } })).toBe(false);
    expect(makeFigure({ name: "plain", unit: "ms", samples: [1] })).not.toHaveProperty("met");
  });
});

describe("interleave", () => {
  it("runs the variants in turn, round after round, and drops the warm-up rounds", async () => {
    const order: string[] = [];
    const rounds: string[] = [];
    let tick = 0;
    const variant = (name: string) => ({ name, run: async () => (order.push(name), ++tick) });
    const samples = await interleave([variant("A"), variant("B")], {
      rounds: 3,
      warmup: 2,
      onRound: ({ round, warmup, variant }) => rounds.push(`${warmup ? "w" : round}${variant}`),
    });
    expect(order).toEqual(["A", "B", "A", "B", "A", "B", "A", "B", "A", "B"]);
    expect(rounds).toEqual(["wA", "wB", "wA", "wB", "0A", "0B", "1A", "1B", "2A", "2B"]);
    expect(samples).toEqual({ A: [5, 7, 9], B: [6, 8, 10] });
  });
});
