/** The LinkedIn Ad Library: get an ad, and ad search (paginationToken only, as the Ad Library pages). */
import { PRICES, fixedCharge } from "../costs.js";
import { itemEndpoint, listEndpoint, type Endpoint } from "../endpoint.js";
import { anyOf, filterBy, search, within, type Facets } from "../facets.js";
import { badRequest } from "../errors.js";
import { choice, oneOf, present, type Query } from "../params.js";
import { ad, adShort } from "../render/ads.js";
import { findAd } from "../resolve.js";
import type { Ad, Store } from "../store.js";
import { DAY_MS, SANDBOX_NOW } from "../time.js";

const adCharge = fixedCharge(PRICES.ad, "ad");
const DATE_OPTIONS = ["last-30-days", "current-month", "current-year", "last-year", "custom-date-range"] as const;
const SEARCH_URL_PARAMETERS = ["keyword", "accountOwner", "countries", "dateOption", "startdate", "enddate"];

/** searchUrl (an Ad Library search page) stands for its own query parameters. */
function withSearchUrl(query: Query): Query {
  if (!present(query, "searchUrl")) return query;
  let url: URL;
  try {
    url = new URL(query.searchUrl!);
  } catch {
    throw badRequest("searchUrl must be a LinkedIn Ad Library search URL, e.g. https://www.linkedin.com/ad-library/search?keyword=...");
  }
  const fromUrl = SEARCH_URL_PARAMETERS.filter((name) => url.searchParams.has(name)).map((name) => [name, url.searchParams.get(name)!]);
  return { ...query, ...Object.fromEntries(fromUrl) };
}

function day(query: Query, name: string): number {
  const value = query[name] ?? "";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw badRequest(`'${name}' must be a date in YYYY-MM-DD format for dateOption=custom-date-range`);
  return Date.parse(`${value}T00:00:00Z`);
}

/** The [from, to] window a dateOption means; an ad matches when it ran at some point inside it. */
function dateWindow(query: Query): [number, number] | undefined {
  const option = choice(query, "dateOption", DATE_OPTIONS);
  const now = new Date(SANDBOX_NOW);
  const year = now.getUTCFullYear();
  switch (option) {
    case undefined:
      return undefined;
    case "last-30-days":
      return [SANDBOX_NOW - 30 * DAY_MS, SANDBOX_NOW];
    case "current-month":
      return [Date.UTC(year, now.getUTCMonth(), 1), SANDBOX_NOW];
    case "current-year":
      return [Date.UTC(year, 0, 1), SANDBOX_NOW];
    case "last-year":
      return [Date.UTC(year - 1, 0, 1), Date.UTC(year, 0, 1) - 1];
    case "custom-date-range":
      return [day(query, "startdate"), day(query, "enddate") + DAY_MS - 1];
  }
}

function adFacets(store: Store, query: Query): Facets<Ad> {
  const window = dateWindow(query);
  return {
    keyword: search((item) => `${item.headline} ${item.description} ${store.company(item.company).name}`),
    accountOwner: within((item) => store.company(item.company).name),
    countries: { match: (item, value) => value.toUpperCase() === "ALL" || anyOf((ad: Ad) => ad.countries).match(item, value) },
    dateOption: { match: (item) => !window || (item.ranFrom <= window[1] && item.ranTo >= window[0]) },
  };
}

export const adEndpoints: Endpoint[] = [
  itemEndpoint({
    path: "/linkedin/ad",
    cost: adCharge,
    find: (ctx) => findAd(ctx.store, oneOf(ctx.query, ["adId", "url"])),
    id: (item) => item.id,
    render: (item, ctx) => ad(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/ad-search",
    cost: adCharge,
    page: { mode: "token", pageSize: 10 },
    collect: (ctx) => {
      const query = withSearchUrl(ctx.query);
      return filterBy(ctx.store.tables.ads, query, adFacets(ctx.store, query));
    },
    render: (item, ctx) => adShort(ctx.store, item),
  }),
];
