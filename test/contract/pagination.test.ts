/**
 * One behaviour suite, run against every pagination strategy (as hono runs one suite against every router): each
 * strategy lists the same records from a small fake upstream, and every way of walking them (all, limit, page by page,
 * cursors from any point, fields, cut results) yields every matching record exactly once, with the filters on every page.
 */
import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { connect, ValidationError, type Connector } from "../../src/index.js";
import { DEMO_DIR } from "../runtime/helpers.js";

const ORIGIN = "https://api.strategies.test";
const RECORDS = Array.from({ length: 23 }, (_, i) => ({ id: i + 1, tag: (i + 1) % 3 === 0 ? "blue" : "red" }));
const TOKEN = "page-token-7f3";
const DEFAULT_SIZE = 10;

type Query = Record<string, string>;

/** What each strategy's endpoint answers for a query, over the records matching its tag filter. */
const ENDPOINTS: Record<string, (q: Query, rows: typeof RECORDS) => unknown> = {
  link: (q, rows) => {
    const { page, size, items, pages } = pageOf(q, rows);
    const next = page < pages ? `${ORIGIN}/v1/link?page=${page + 1}&size=${size}` : null;
    return { items, links: { next }, total: rows.length, total_pages: pages, page };
  },
  pages: (q, rows) => {
    const { items, pages } = pageOf(q, rows);
    return { items, total: rows.length, total_pages: pages };
  },
  tokened: (q, rows) => {
    const { page, items } = pageOf(q, rows);
    if (page > 1 && q.token !== TOKEN) throw new Error(`page ${page} asked for without the token`);
    return { items, ...(page === 1 ? { token: TOKEN } : {}) };
  },
  cursor: (q, rows) => {
    const size = Number(q.size ?? DEFAULT_SIZE);
    const from = q.after ? rows.findIndex((r) => r.id === Number(q.after)) + 1 : 0;
    const items = rows.slice(from, from + size);
    return { items, next_cursor: from + size < rows.length ? String(items.at(-1)!.id) : null };
  },
  offset: (q, rows) => {
    const offset = Number(q.offset ?? 0);
    return { items: rows.slice(offset, offset + Number(q.size ?? DEFAULT_SIZE)), total: rows.length };
  },
  all: (_q, rows) => ({ items: rows }),
};

function pageOf(q: Query, rows: typeof RECORDS) {
  const page = Number(q.page ?? 1);
  const size = Number(q.size ?? DEFAULT_SIZE);
  return { page, size, items: rows.slice((page - 1) * size, page * size), pages: Math.ceil(rows.length / size) };
}

/** The fake upstream: every request answered from ENDPOINTS, and remembered with its query. */
function fakeUpstream() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const requests: { endpoint: string; query: Query }[] = [];
  agent
    .get(ORIGIN)
    .intercept({ path: () => true, method: "GET" })
    .reply((options) => {
      const url = new URL(options.path, ORIGIN);
      const endpoint = url.pathname.replace("/v1/", "");
      const query = Object.fromEntries(url.searchParams);
      requests.push({ endpoint, query });
      const rows = query.tag ? RECORDS.filter((r) => r.tag === query.tag) : RECORDS;
      try {
        return { statusCode: 200, data: JSON.stringify(ENDPOINTS[endpoint]!(query, rows)), responseOptions: { headers: { "content-type": "application/json" } } };
      } catch (error) {
        return { statusCode: 400, data: JSON.stringify({ message: (error as Error).message }), responseOptions: { headers: { "content-type": "application/json" } } };
      }
    })
    .persist();
  return { agent, requests };
}

const STRATEGIES = [
  { name: "link", entity: "by_link", endpoint: "link" },
  { name: "page_number", entity: "by_page", endpoint: "pages" },
  { name: "page_number with a token", entity: "by_tokened_page", endpoint: "tokened" },
  { name: "cursor", entity: "by_cursor", endpoint: "cursor" },
  { name: "offset", entity: "by_offset", endpoint: "offset" },
  { name: "none", entity: "unpaged", endpoint: "all" },
];

const ids = (data: unknown) => (data as { id: number }[]).map((r) => r.id);
const red = RECORDS.filter((r) => r.tag === "red").map((r) => r.id);

/** Follows meta.cursor from `first` until nothing remains (bounded, so a loop fails rather than hangs). */
async function follow(connector: Connector, entity: string, first: { data: unknown; meta: { cursor?: string } }, options: { limit?: number; fields?: string[] } = {}) {
  const seen = [...ids(first.data)];
  let cursor = first.meta.cursor;
  for (let calls = 0; cursor !== undefined; calls++) {
    if (calls > 100) throw new Error("the cursors never ended");
    const next = await connector.execute(entity, "list", {}, { cursor, ...options });
    seen.push(...ids(next.data));
    cursor = next.meta.cursor;
    expect(next.meta.has_more).toBe(cursor !== undefined);
  }
  return seen;
}

describe.each(STRATEGIES)("the $name strategy", ({ entity, endpoint }) => {
  const setup = () => {
    const upstream = fakeUpstream();
    const connector = connect("strategies", { connectorsDir: DEMO_DIR, dispatcher: upstream.agent, credentials: { key: "k" }, rateLimit: false });
    const sentFilter = () => upstream.requests.filter((r) => r.endpoint === endpoint).every((r) => r.query.tag === "red");
    return { connector, upstream, sentFilter };
  };

  it("walks every matching record once with all, sending the filter with every page", async () => {
    const { connector, sentFilter } = setup();
    const result = await connector.execute(entity, "list", { tag: "red", size: 4 }, { all: true });
    expect(ids(result.data)).toEqual(red);
    expect(result.meta).toMatchObject({ has_more: false, next: null });
    expect(result.meta.cursor).toBeUndefined();
    expect(sentFilter()).toBe(true);
  });

  it.each([1, 3, 4, 5, 9, 16])("gives every record exactly once following cursors with limit %i", async (limit) => {
    const { connector, sentFilter } = setup();
    const first = await connector.execute(entity, "list", { tag: "red", size: 4 }, { limit });
    expect(ids(first.data)).toEqual(red.slice(0, limit));
    expect(await follow(connector, entity, first, { limit })).toEqual(red);
    expect(sentFilter()).toBe(true);
  });

  it("gives every record exactly once a page at a time, and with fields", async () => {
    const { connector } = setup();
    const first = await connector.execute(entity, "list", { tag: "red", size: 5 }, { fields: ["id"] });
    expect(Object.keys((first.data as object[])[0]!)).toEqual(["id"]);
    expect(await follow(connector, entity, first, { fields: ["id"] })).toEqual(red);
  });

  it("goes on exactly after any record of a result handed on in part (cursorAfter)", async () => {
    const { connector } = setup();
    const whole = await connector.execute(entity, "list", { tag: "red", size: 4 }, { limit: 11 });
    for (const kept of [0, 1, 4, 6, 10, 11]) {
      const cursor = connector.cursorAfter(whole, kept);
      const rest = cursor === undefined ? [] : await follow(connector, entity, { data: [], meta: { cursor } });
      expect([...red.slice(0, kept), ...rest]).toEqual(red);
    }
  });

  it("stops paginate and pages at limit, the last page cut to it", async () => {
    const { connector } = setup();
    const records: number[] = [];
    for await (const record of connector.paginate(entity, "list", { size: 4 }, { limit: 6 })) records.push((record as { id: number }).id);
    expect(records).toEqual([1, 2, 3, 4, 5, 6]);
    const sizes: number[] = [];
    for await (const page of connector.pages(entity, "list", { size: 4 }, { limit: 6 })) sizes.push(page.records.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it("refuses a cursor that was changed, that belongs to another action, or params that disagree with it", async () => {
    const { connector } = setup();
    const first = await connector.execute(entity, "list", { tag: "red", size: 4 }, { limit: 2 });
    const cursor = first.meta.cursor!;
    const changed = cursor.replace(/.(?=\.[^.]*$)/, (c) => (c === "A" ? "B" : "A"));
    await expect(connector.execute(entity, "list", {}, { cursor: changed })).rejects.toThrow(/invalid cursor: it was changed or cut/);
    const other = entity === "by_page" ? "by_offset" : "by_page";
    await expect(connector.execute(other, "list", {}, { cursor })).rejects.toThrow(new RegExp(`this cursor continues strategies ${entity}\\.list`));
    await expect(connector.execute(entity, "list", { tag: "blue" }, { cursor })).rejects.toBeInstanceOf(ValidationError);
    // The same params again are fine: a caller may send them with the cursor.
    expect(ids((await connector.execute(entity, "list", { tag: "red" }, { cursor, limit: 1 })).data)).toEqual([red[2]]);
  });
});
