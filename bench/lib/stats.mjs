/** The figures' arithmetic: medians, percentiles, per-round ratios, targets, and the interleaving of variants. */

/**
 * @typedef {{ of: "ratio" | "median", atMost?: number, atLeast?: number }} Target
 * @typedef {{ name: string, samples: number[] }} Baseline
 * @typedef {{ name: string, unit: string, samples: number[], baseline?: Baseline, target?: Target, note?: string }} FigureSpec
 * @typedef {{ name: string, unit: string, median: number, min: number, max: number, runs: number, samples: number[],
 *   baseline?: string, ratio?: number, ratio_min?: number, ratio_max?: number, target?: Target, met?: boolean,
 *   note?: string }} Figure
 */

/** The middle value (the mean of the two middle ones for an even count). @param {number[]} values */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Nearest-rank percentile (p in 0..100): the smallest value with at least p% of the values at or below it.
 * @param {number[]} values @param {number} p
 */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** median, min and max of one figure's samples. @param {number[]} samples */
export function summarize(samples) {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs: samples.length };
}

/**
 * Each round's ratio of a variant to its baseline, measured back to back in that round: drift of the machine between
 * rounds touches both sides of a ratio alike, so the ratios spread less than the raw figures do.
 * @param {number[]} samples @param {number[]} baseline
 */
export function roundRatios(samples, baseline) {
  if (samples.length !== baseline.length) throw new RangeError(`paired figures need as many rounds (${samples.length} vs ${baseline.length})`);
  return samples.map((value, round) => value / baseline[round]);
}

/**
 * A target on a figure's median or its ratio: { of: "ratio" | "median", atMost?, atLeast? }.
 * Returns true when met, false when missed, undefined when the figure has no target.
 * @param {{ median: number, ratio?: number, target?: Target }} figure @returns {boolean | undefined}
 */
export function targetMet(figure) {
  const { target } = figure;
  if (!target) return undefined;
  const value = target.of === "ratio" ? figure.ratio : figure.median;
  if (typeof value !== "number" || Number.isNaN(value)) return false;
  return (target.atMost === undefined || value <= target.atMost) && (target.atLeast === undefined || value >= target.atLeast);
}

/**
 * A figure: its summary and samples, plus (when `baseline` samples are given) the median of its round ratios.
 * @param {FigureSpec} spec @returns {Figure}
 */
export function makeFigure({ name, unit, samples, baseline, target, note }) {
  /** @type {Figure} */
  const figure = { name, unit, ...summarize(samples), samples };
  if (baseline) {
    const ratios = roundRatios(samples, baseline.samples);
    Object.assign(figure, { baseline: baseline.name, ratio: median(ratios), ratio_min: Math.min(...ratios), ratio_max: Math.max(...ratios) });
  }
  if (target) figure.target = target;
  if (note) figure.note = note;
  const met = targetMet(figure);
  if (met !== undefined) figure.met = met;
  return figure;
}

/**
 * Runs every variant once per round, in order (A B A B ...), so that whatever the machine does meanwhile falls on
 * all of them alike. The first `warmup` rounds are run and thrown away. Each variant's run() returns one sample
 * (a number, or an object of several measures that the benchmark takes apart).
 * @template T
 * @param {{ name: string, run: () => Promise<T> }[]} variants
 * @param {{ rounds: number, warmup?: number, onRound?: (at: { round: number, rounds: number, warmup: boolean, variant: string }) => void }} options
 * @returns {Promise<Record<string, T[]>>}
 */
export async function interleave(variants, { rounds, warmup = 1, onRound = () => {} }) {
  /** @type {Record<string, T[]>} */
  const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let round = -warmup; round < rounds; round++) {
    for (const variant of variants) {
      onRound({ round, rounds, warmup: round < 0, variant: variant.name });
      const value = await variant.run();
      if (round >= 0) samples[variant.name].push(value);
    }
  }
  return samples;
}
