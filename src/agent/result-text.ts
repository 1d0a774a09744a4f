/**
 * A call's result as the tool's text: JSON of { meta, data } (meta first, so a cut never loses it), cut to whole
 * records that fit, with meta.cursor naming exactly the first record left out and a note saying how to go on.
 */
import type { AnyConnector, Result, ResultMeta } from "../runtime/connector.js";

export interface ResultTextOptions {
  maxChars: number;
  /** The call started from page one (no cursor): totals the API gives then tell how many records remain. */
  fromStart: boolean;
  /** What to say about fields the records do not have. */
  fieldsNote?: string;
}

export function resultText(connector: AnyConnector, result: Result, options: ResultTextOptions): string {
  const { meta, fieldsNote } = agentMeta(result.meta);
  const whole = JSON.stringify({ meta, ...(fieldsNote ? { note: fieldsNote } : {}), data: result.data });
  if (whole.length <= options.maxChars) return whole;
  return Array.isArray(result.data) ? cutRecords(connector, result as Result<unknown[]>, meta, { ...options, fieldsNote }) : cutText(whole, options.maxChars);
}

/**
 * The meta a model sees: continuation by cursor only (page-level `next` params would skip or repeat records), and
 * fields the records do not have told in a note with the ones they do.
 */
function agentMeta(full: ResultMeta): { meta: ResultMeta; fieldsNote?: string } {
  const { next: _next, unknown_fields: unknown, ...meta } = full;
  if (!unknown) return { meta };
  return { meta, fieldsNote: `These records have no ${unknown.fields.map((f) => `"${f}"`).join(", ")} (left empty). Their fields: ${unknown.valid.join(", ")}.` };
}

/**
 * As many whole records as fit, with meta (its cursor moved to the first record left out) and a note. A call always
 * hands out at least one record, so following cursors always gets somewhere: one longer than the cap alone comes with
 * its largest fields left out (named, so the model can ask for them with "fields").
 */
function cutRecords(connector: AnyConnector, result: Result<unknown[]>, meta: ResultMeta, options: ResultTextOptions): string {
  const records = result.data;
  const sizes = records.map((r) => JSON.stringify(r).length + 1);
  const render = (count: number, shrunk?: Shrunk) => {
    const cursor = connector.cursorAfter(result, count);
    const cutMeta = { ...meta, has_more: cursor !== undefined, ...(cursor ? { cursor } : {}) };
    const data = shrunk ? [shrunk.record] : records.slice(0, count);
    return JSON.stringify({ meta: cutMeta, note: cutNote(count, records.length, meta, options, shrunk?.omitted), data });
  };
  // The note and cursor grow by a few characters as the count does: measure with everything, then shrink if needed.
  let count = 0;
  let length = render(0).length;
  while (count < records.length && length + sizes[count]! <= options.maxChars) length += sizes[count++]!;
  let text = render(count);
  while (count > 1 && text.length > options.maxChars) text = render(--count);
  if (text.length <= options.maxChars && count > 0) return text;
  // The note names what was left out, so the room for the record depends on it: narrow until the text fits.
  let room = options.maxChars - render(1, { record: null, omitted: [] }).length;
  for (let tries = 0; tries < 5 && room > 0; tries++) {
    text = render(1, shrinkRecord(records[0], room));
    if (text.length <= options.maxChars) return text;
    room -= text.length - options.maxChars;
  }
  return cutText(text, options.maxChars);
}

interface Shrunk {
  record: unknown;
  omitted: string[];
}

/** The record with its largest top-level values left out, largest first, until it fits in `room` characters. */
function shrinkRecord(record: unknown, room: number): Shrunk {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return { record, omitted: [] };
  const kept: Record<string, unknown> = { ...record };
  const omitted: string[] = [];
  const bySize = Object.entries(kept)
    .map(([field, value]) => ({ field, size: JSON.stringify(value)?.length ?? 0 }))
    .sort((a, b) => b.size - a.size);
  for (const { field, size } of bySize) {
    if (JSON.stringify(kept).length <= room) break;
    kept[field] = `[left out: ${size} characters]`;
    omitted.push(field);
  }
  return { record: kept, omitted };
}

function cutNote(count: number, fetched: number, meta: ResultMeta, options: ResultTextOptions, omitted: string[] = []): string {
  const remaining = options.fromStart && meta.total !== undefined ? `; ${meta.total - count} of ${meta.total} matching records remain` : "";
  const left = omitted.length ? ` The record alone is longer than that: ${omitted.join(", ")} ${omitted.length > 1 ? "were" : "was"} left out (ask for ${omitted.length > 1 ? "them" : "it"} with "fields").` : "";
  return (
    `Returned ${count} of the ${fetched} records fetched, to stay under ${options.maxChars} characters${remaining}.${left} ` +
    'To go on exactly after the last one, call again with {"cursor": meta.cursor} (nothing is skipped or repeated); ' +
    `to fit more per call, keep only the fields you need ("fields").${options.fieldsNote ? ` ${options.fieldsNote}` : ""}`
  );
}

function cutText(text: string, maxChars: number): string {
  const note = `\n[Cut at ${maxChars} characters. To get the rest, keep only the fields you need ("fields").]`;
  return text.slice(0, Math.max(0, maxChars - note.length)) + note;
}
