/** Calls and errors per hour as a server-rendered SVG bar chart (no script), with a text summary for screen readers. */
import { html } from "hono/html";
import type { Html } from "./html.js";
import type { HourTotal } from "./usage.js";

const BAR = 5;
const HEIGHT = 120;
const TOP = 10;
const BOTTOM = 24;
const LEFT = 36;

/** A round number at or above the largest value, so the scale reads easily. */
function scaleMax(values: number[]): number {
  const max = Math.max(1, ...values);
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

export function hourlyChart(id: string, title: string, hours: HourTotal[]): Html {
  const max = scaleMax(hours.map((h) => h.calls));
  const width = LEFT + hours.length * BAR + 4;
  const y = (value: number) => TOP + HEIGHT - (value / max) * HEIGHT;
  const bars = hours.map((h, i) => {
    const x = LEFT + i * BAR;
    const label = `${h.hour}:00 UTC: ${h.calls} calls, ${h.errors} errors`;
    return html`<g><title>${label}</title>${h.calls ? html`<rect x="${x}" y="${y(h.calls)}" width="${BAR - 1}" height="${TOP + HEIGHT - y(h.calls)}" fill="#1f5fbf"></rect>` : ""}${h.errors ? html`<rect x="${x}" y="${y(h.errors)}" width="${BAR - 1}" height="${TOP + HEIGHT - y(h.errors)}" fill="#b3261e"></rect>` : ""}</g>`;
  });
  // A tick at each day's start.
  const days = hours.flatMap((h, i) => (h.hour.endsWith("T00") ? [html`<line x1="${LEFT + i * BAR}" x2="${LEFT + i * BAR}" y1="${TOP}" y2="${TOP + HEIGHT + 4}" stroke="#d8dce4"></line><text x="${LEFT + i * BAR + 2}" y="${TOP + HEIGHT + 16}" font-size="10" fill="#5b6475">${h.hour.slice(5, 10)}</text>`] : []));
  const calls = hours.reduce((sum, h) => sum + h.calls, 0);
  const errors = hours.reduce((sum, h) => sum + h.errors, 0);
  const busiest = hours.reduce((best, h) => (h.calls > best.calls ? h : best), hours[0]!);
  const summary = `${calls} calls and ${errors} errors in the last ${hours.length / 24} days${calls ? `; busiest hour ${busiest.hour}:00 UTC with ${busiest.calls} calls` : ""}.`;
  return html`<figure>
<svg class="chart" id="${id}" viewBox="0 0 ${width} ${TOP + HEIGHT + BOTTOM}" role="img" aria-labelledby="${id}-title ${id}-desc">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${summary}</desc>
<line x1="${LEFT}" x2="${width}" y1="${TOP + HEIGHT}" y2="${TOP + HEIGHT}" stroke="#9aa3b2"></line>
<text x="${LEFT - 4}" y="${TOP + 8}" font-size="10" text-anchor="end" fill="#5b6475">${max}</text>
<text x="${LEFT - 4}" y="${TOP + HEIGHT}" font-size="10" text-anchor="end" fill="#5b6475">0</text>
${days}
${bars}
</svg>
<figcaption>${summary} <span class="muted">Blue: calls; red: errors (hours in UTC).</span></figcaption>
</figure>`;
}
