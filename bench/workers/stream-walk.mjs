/**
 * One streaming walk, in a fresh process so that its memory is its own: `stream-walk.mjs raw|paginate BASE_URL`
 * walks every time entry of the upstream (100 pages of 2,000) either with connector.paginate or with a raw loop
 * (undici.request, JSON.parse, follow links.next), after a three-page warm-up. Prints one JSON line: records, ms,
 * the RSS before the first request and the peak RSS.
 */
import { Agent } from "undici";
import { harvestOn, rawCall, wireRequestOf } from "../lib/harvest.mjs";

const [mode, baseUrl] = process.argv.slice(2);
const PARAMS = { per_page: 2000 };
const dispatcher = new Agent({ connections: 1 });
const harvest = harvestOn(baseUrl, dispatcher);

async function* rawRecords(first) {
  let wire = first;
  while (wire) {
    const body = await rawCall(wire, dispatcher);
    yield* body.time_entries;
    wire = body.links.next ? { ...first, url: body.links.next } : undefined;
  }
}

const walk = async (pages) => {
  const records = mode === "raw" ? rawRecords(await wireRequestOf(baseUrl, dispatcher, "time_entries", "list", PARAMS)) : harvest.paginate("time_entries", "list", PARAMS);
  let count = 0;
  for await (const record of records) {
    if (record.id === undefined) throw new Error("a record without an id");
    if (++count >= pages * PARAMS.per_page) break;
  }
  return count;
};

const rssBefore = process.memoryUsage.rss();
await walk(3);
const started = performance.now();
const records = await walk(Number(process.argv[4] ?? Infinity));
const ms = performance.now() - started;
console.log(JSON.stringify({ records, ms, rss_before_bytes: rssBefore, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 }));
await dispatcher.close();
