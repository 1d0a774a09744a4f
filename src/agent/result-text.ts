/**
 * A call's result as the tool's text: JSON of { meta, data } (meta first, so a cut never loses it), only the fields
 * asked for, cut to size with a note on how to get the rest.
 */
import type { Result } from "../runtime/connector.js";
import { getPath } from "../runtime/path.js";

export interface ResultTextOptions {
  maxChars: number;
  fields?: string[];
}

export function resultText(result: Result, options: ResultTextOptions): string {
  const data = Array.isArray(result.data) ? result.data.map((r) => keepFields(r, options.fields)) : keepFields(result.data, options.fields);
  const whole = JSON.stringify({ meta: result.meta, data });
  if (whole.length <= options.maxChars) return whole;
  return Array.isArray(data) ? cutRecords(data, result, options) : cutText(whole, options.maxChars);
}

function keepFields(record: unknown, fields: string[] | undefined): unknown {
  if (!fields || typeof record !== "object" || record === null) return record;
  return Object.fromEntries(fields.map((field) => [field, getPath(record, field)]));
}

/** As many whole records as fit, with meta and a note. */
function cutRecords(records: unknown[], result: Result, options: ResultTextOptions): string {
  const sizes = records.map((r) => JSON.stringify(r).length + 1);
  const render = (count: number) =>
    JSON.stringify({
      meta: result.meta,
      note:
        `Cut to ${count} of ${records.length} records to stay under ${options.maxChars} characters. To get the rest: keep only the fields you need ("fields"), ` +
        'or ask for fewer records per call (the action\'s page-size param, or "limit"), then continue with meta.next.',
      data: records.slice(0, count),
    });
  let count = 0;
  // The note's count grows from "0" to at most as many digits as the total.
  let length = render(0).length + String(records.length).length;
  while (count < records.length && length + sizes[count]! <= options.maxChars) length += sizes[count++]!;
  return render(count);
}

function cutText(text: string, maxChars: number): string {
  const note = `\n[Cut at ${maxChars} characters. To get the rest, keep only the fields you need ("fields").]`;
  return text.slice(0, Math.max(0, maxChars - note.length)) + note;
}
