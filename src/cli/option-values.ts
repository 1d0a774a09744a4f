/**
 * Parsers for the CLI's flag values: a value a flag cannot take is refused before anything runs, naming the flag
 * and what it takes (commander prints "option '--limit <n>' argument 'abc' is invalid. ..."), with the validation
 * exit code.
 */
import { InvalidArgumentError, Option } from "commander";
import { exitCodeFor } from "./exit.js";

function refuse(what: string, text: string): InvalidArgumentError {
  const error = new InvalidArgumentError(`It takes ${what} (got "${text}").`);
  (error as { exitCode: number }).exitCode = exitCodeFor({ code: "E_VALIDATION" });
  return error;
}

/** A whole number from `min` on (--limit, --port). */
export const wholeNumber =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (text: string): number => {
    const value = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) throw refuse(`a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " on"}`, text);
    return value;
  };

/** An amount of money, 0 or more (--budget). */
export function amount(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) throw refuse("an amount of money, 0 or more, such as 0.5", text);
  return value;
}

/** A positive number (of seconds, of days). */
export function positive(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) throw refuse("a positive number", text);
  return value;
}

/** One of `values` (--output, --transport): listed in --help; any other value is refused with the list. */
export function choiceOption(flags: string, description: string, values: readonly string[]): Option {
  return new Option(flags, description).choices(values).argParser((text: string) => {
    if (!values.includes(text)) throw refuse(`one of ${values.join(", ")}`, text);
    return text;
  });
}

/** The hosted API's store (--database): sqlite:PATH, a file path, or postgres://...; any other scheme (mysql://) is refused. */
export function databaseUrl(text: string): string {
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(text)?.[1];
  if (scheme && scheme !== "sqlite" && !/^postgres(ql)?:\/\//.test(text))
    throw refuse("sqlite:PATH (or a file path) or postgres://USER@HOST/DB", text);
  return text;
}
