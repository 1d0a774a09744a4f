/**
 * A call's result as the tool's text: JSON of { meta, data } (meta first, so a cut never loses it), cut to whole
 * records that fit, with meta.cursor naming exactly the first record left out and a note saying how to go on.
 */
import type { AnyConnector, Result, ResultMeta } from "../runtime/connector.js";

export interface ResultTextOptions {
  maxChars: number;
  /** The call started from page one (no cursor): totals the API gives then tell how many records remain. */
  fromStart: boolean;
}

export function resultText(connector: AnyConnector, result: Result, options: ResultTextOptions): string {
  const meta = agentMeta(result.meta);
  const whole = JSON.stringify({ meta, data: result.data });
  if (whole.length <= options.maxChars) return whole;
  return Array.isArray(result.data) ? cutRecords(connector, result as Result<unknown[]>, meta, options) : cutText(whole, options.maxChars);
}

/** The meta a model sees: continuation by cursor only (page-level `next` params would skip or repeat records). */
function agentMeta(meta: ResultMeta): ResultMeta {
  if (!("next" in meta)) return meta;
  const { next: _next, ...rest } = meta;
  return rest;
}

/** As many whole records as fit, with meta (its cursor moved to the first record left out) and a note. */
function cutRecords(connector: AnyConnector, result: Result<unknown[]>, meta: ResultMeta, options: ResultTextOptions): string {
  const records = result.data;
  const sizes = records.map((r) => JSON.stringify(r).length + 1);
  const render = (count: number) => {
    const cursor = connector.cursorAfter(result, count);
    const cutMeta = { ...meta, has_more: cursor !== undefined, ...(cursor ? { cursor } : {}) };
    return JSON.stringify({ meta: cutMeta, note: cutNote(count, records.length, meta, options), data: records.slice(0, count) });
  };
  // The note and cursor grow by a few characters as the count does: measure with everything, then shrink if needed.
  let count = 0;
  let length = render(0).length;
  while (count < records.length && length + sizes[count]! <= options.maxChars) length += sizes[count++]!;
  let text = render(count);
  while (count > 0 && text.length > options.maxChars) text = render(--count);
  return text;
}

function cutNote(count: number, fetched: number, meta: ResultMeta, options: ResultTextOptions): string {
  const remaining = options.fromStart && meta.total !== undefined ? `; ${meta.total - count} of ${meta.total} matching records remain` : "";
  return (
    `Returned ${count} of the ${fetched} records fetched, to stay under ${options.maxChars} characters${remaining}. ` +
    'To go on exactly after the last one, call again with {"cursor": meta.cursor} (nothing is skipped or repeated); ' +
    'to fit more per call, keep only the fields you need ("fields").'
  );
}

function cutText(text: string, maxChars: number): string {
  const note = `\n[Cut at ${maxChars} characters. To get the rest, keep only the fields you need ("fields").]`;
  return text.slice(0, Math.max(0, maxChars - note.length)) + note;
}
