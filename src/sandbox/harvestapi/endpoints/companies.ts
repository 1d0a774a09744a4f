/** Companies: get (by URL, universal name or a name search), search, and a company's posts. */
import { PRICES, fixedCharge } from "../costs.js";
import { itemEndpoint, listEndpoint, type Endpoint, type EndpointContext } from "../endpoint.js";
import { anyOf, filterBy, search, withOverride, within } from "../facets.js";
import { oneOf, present } from "../params.js";
import { newestFirst, postedSince } from "../recency.js";
import { company, companyShort } from "../render/organizations.js";
import { post } from "../render/posts.js";
import { findCompany } from "../resolve.js";
import { authorKey, type Company, type Store } from "../store.js";

const standard = fixedCharge(PRICES.standard, "linkedin-request");

/** `search=` on /linkedin/company: LinkedIn's most relevant match, an exact name before a partial one. */
function bestByName(store: Store, text: string): Company | undefined {
  const wanted = text.toLowerCase();
  const companies = store.tables.companies;
  return companies.find((item) => item.name.toLowerCase() === wanted) ?? companies.find((item) => item.name.toLowerCase().includes(wanted));
}

function findRequested(ctx: EndpointContext): Company | undefined {
  const ref = oneOf(ctx.query, ["url", "universalName", "search"]);
  const byName = !present(ctx.query, "url") && !present(ctx.query, "universalName");
  return byName ? bestByName(ctx.store, ref) : findCompany(ctx.store, ref);
}

const companyFacets = {
  search: search((item: Company) => item.name),
  location: within((item: Company) => [item.place.text, item.place.city, item.place.state, item.place.country]),
  geoId: anyOf((item: Company) => item.place.geoIds),
  companySize: anyOf((item: Company) => item.size),
  industryId: anyOf((item: Company) => item.industry.id),
};

export const companyEndpoints: Endpoint[] = [
  itemEndpoint({
    path: "/linkedin/company",
    cost: standard,
    find: findRequested,
    id: (item) => item.id,
    render: (item, ctx) => company(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/company-search",
    cost: standard,
    page: { mode: "page", pageSize: 10, maxPages: 100 },
    collect: (ctx) => filterBy(ctx.store.tables.companies, withOverride(ctx.query, "geoId", "location"), companyFacets),
    render: (item) => companyShort(item),
  }),
  listEndpoint({
    path: "/linkedin/company-posts",
    cost: standard,
    page: { mode: "page+token-or-first", pageSize: 20 },
    collect: (ctx) => {
      const owner = findCompany(ctx.store, oneOf(ctx.query, ["company", "companyId", "companyUniversalName"]));
      if (!owner) return undefined;
      const since = postedSince(ctx.query);
      const posts = ctx.store.postsByAuthor.get(authorKey({ kind: "company", index: owner.index })) ?? [];
      return newestFirst(posts, (item) => item.postedAt).filter((item) => item.postedAt >= since);
    },
    render: (item, ctx) => post(ctx.store, item),
  }),
];
