/** Geo id search: the LinkedIn geoId for a place name, to feed the geoId(s) filters of the searches. Free. */
import { PRICES, fixedCharge } from "../costs.js";
import type { Endpoint } from "../endpoint.js";
import { required } from "../params.js";

export const geoEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "/linkedin/geo-id-search",
    cost: fixedCharge(PRICES.geoIdSearch, "geo-id-search"),
    answer: (ctx) => {
      const wanted = required(ctx.query, "search").toLowerCase();
      const matches = ctx.store.tables.geo.filter((place) => place.title.toLowerCase().includes(wanted));
      // Names that start with the search text first ("London, England, ..." before "Greater London").
      const ranked = [...matches].sort((a, b) => Number(b.title.toLowerCase().startsWith(wanted)) - Number(a.title.toLowerCase().startsWith(wanted)));
      return { kind: "list", elements: ranked.map(({ geoId, title }) => ({ geoId, title })), ...(ranked[0] ? { entityId: ranked[0].geoId } : {}) };
    },
  },
];
