/**
 * A Harvest-shaped upstream on loopback, run in its own process so that only client-side work is compared:
 * GET /v2/time_entries/{id} and GET /v2/time_entries?page=&per_page= (Harvest's envelope and links.next) over
 * 200,000 entries. Prints {"port": N} on stdout once listening.
 */
import { createServer } from "node:http";
import { timeEntry } from "../lib/records.mjs";

const TOTAL_ENTRIES = 200_000;
/** Distinct record bodies: a page's records reuse these with their own ids, so a 2,000-record page costs no JSON work. */
const VARIETY = 2000;
const tails = Array.from({ length: VARIETY }, (_, i) => JSON.stringify(timeEntry(i)).replace(/^\{"id":\d+,/, ""));
const recordJson = (id) => `{"id":${id},${tails[id % VARIETY]}`;
const HEADERS = { "content-type": "application/json; charset=utf-8", "x-request-id": "bench" };

function pageBody(base, page, perPage) {
  const totalPages = Math.ceil(TOTAL_ENTRIES / perPage);
  const first = (page - 1) * perPage;
  const records = [];
  for (let id = first + 1; id <= Math.min(first + perPage, TOTAL_ENTRIES); id++) records.push(recordJson(id));
  const link = (p) => (p >= 1 && p <= totalPages ? JSON.stringify(`${base}/time_entries?page=${p}&per_page=${perPage}`) : "null");
  const next = page < totalPages ? page + 1 : null;
  const previous = page > 1 ? page - 1 : null;
  return `{"time_entries":[${records.join(",")}],"per_page":${perPage},"total_pages":${totalPages},"total_entries":${TOTAL_ENTRIES},"next_page":${next},"previous_page":${previous},"page":${page},"links":{"first":${link(1)},"next":${link(next ?? 0)},"previous":${link(previous ?? 0)},"last":${link(totalPages)}}}`;
}

function answer(req) {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const one = /^\/v2\/time_entries\/(\d+)$/.exec(url.pathname);
  if (one) return [200, recordJson(Number(one[1]))];
  if (url.pathname === "/v2/time_entries") {
    const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
    const perPage = Math.min(2000, Math.max(1, Number(url.searchParams.get("per_page") ?? 2000)));
    return [200, pageBody(`${url.origin}/v2`, page, perPage)];
  }
  return [404, JSON.stringify({ status: 404, error: "Not Found" })];
}

const server = createServer((req, res) => {
  req.resume();
  const [status, body] = answer(req);
  res.writeHead(status, HEADERS).end(body);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
