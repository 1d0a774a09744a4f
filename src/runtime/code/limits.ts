/** Code mode's limits: each has a default and an option, is checked once, and ends a script with an error naming what to change. */
import { LimitError, ValidationError, type ParamIssue, type ScriptLimit } from "../../errors.js";
import type { RunOptions } from "./types.js";

/** The longest result handed back, in characters: the agent tools cut theirs at the same size. */
export const DEFAULT_MAX_RESULT_CHARS = 50_000;

export const DEFAULT_LIMITS = { timeout: 30_000, maxMemoryMb: 64, maxCalls: 1_000, maxResultChars: DEFAULT_MAX_RESULT_CHARS } as const;

export interface Limits {
  /** Wall time, in ms. */
  timeout: number;
  maxMemoryMb: number;
  maxCalls: number;
  maxResultChars: number;
  /** Money all the script's calls together may spend (the connectors' currency); undefined: no budget. */
  budget?: number;
}

const LIMIT_OPTIONS = ["timeout", "maxMemoryMb", "maxCalls", "maxResultChars"] as const;

export function checkRunOptions(code: unknown, options: RunOptions): Limits {
  if (typeof code !== "string" || !code.trim()) throw new ValidationError("run() needs the script as a non-empty string of JavaScript: the body of an async function");
  if (typeof options !== "object" || options === null) throw new ValidationError("run() options must be an object");
  const issues: ParamIssue[] = [];
  for (const name of LIMIT_OPTIONS) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) issues.push({ param: name, message: `must be a whole number, 1 or more (got ${JSON.stringify(value)})` });
  }
  const { budget } = options;
  if (budget !== undefined && !(typeof budget === "number" && Number.isFinite(budget) && budget >= 0))
    issues.push({ param: "budget", message: `must be an amount of money, 0 or more, such as 0.5 (got ${JSON.stringify(budget)})` });
  if (options.onLog !== undefined && typeof options.onLog !== "function") issues.push({ param: "onLog", message: "must be a function" });
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) issues.push({ param: "signal", message: "must be an AbortSignal" });
  if (issues.length) throw new ValidationError("invalid run() options; nothing was run", issues);
  return {
    timeout: options.timeout ?? DEFAULT_LIMITS.timeout,
    maxMemoryMb: options.maxMemoryMb ?? DEFAULT_LIMITS.maxMemoryMb,
    maxCalls: options.maxCalls ?? DEFAULT_LIMITS.maxCalls,
    maxResultChars: options.maxResultChars ?? DEFAULT_LIMITS.maxResultChars,
    budget,
  };
}

/** What a console line counts against the log cap: an empty line counts too, or a loop of them would never reach it. */
export const logLength = (message: string): number => Math.max(1, message.length);

/** The error for a limit reached: which one, at what value, and what to change. */
export function limitError(limit: ScriptLimit, limits: Limits, detail?: number): LimitError {
  const option = { time: "timeout", memory: "maxMemoryMb", calls: "maxCalls", result: "maxResultChars" }[limit];
  const value = limits[option as keyof Limits] as number;
  const messages: Record<ScriptLimit, string> = {
    time: `the script ran past its time limit of ${value / 1000} s and was stopped: make it do less (fewer calls, narrower lists), or raise the limit (option timeout, in ms)`,
    memory: `the script used more than its memory limit of ${value} MB and was stopped: keep less in memory (aggregate as you go, keep only the fields you need), or raise the limit (option maxMemoryMb)`,
    calls: `the script tried to make more than its limit of ${value} calls and was stopped: make fewer, wider calls ({ all: true } or { limit } walk the pages of a list in one call), or raise the limit (option maxCalls)`,
    result: `the script's result is ${detail ?? "more than"} characters of JSON, over the limit of ${value}: return less (totals, counts, the fields that matter), or raise the limit (option maxResultChars)`,
  };
  return new LimitError(messages[limit], { limit, value, option });
}
