/** Jobs: get by id or URL, and job search with LinkedIn's job filters. */
import { PRICES, fixedCharge } from "../costs.js";
import { itemEndpoint, listEndpoint, type Endpoint } from "../endpoint.js";
import { anyOf, filterBy, search, withOverride, within, type Facets } from "../facets.js";
import { choice, oneOf, type Query } from "../params.js";
import { newestFirst, postedSince } from "../recency.js";
import { job, jobShort } from "../render/jobs.js";
import { findJob } from "../resolve.js";
import type { Job, Store } from "../store.js";

const jobCharge = fixedCharge(PRICES.job, "job");
const SALARIES = ["40k+", "60k+", "80k+", "100k+", "120k+", "140k+", "160k+", "180k+", "200k+"];

function jobFacets(store: Store, query: Query): Facets<Job> {
  const since = postedSince(query);
  return {
    search: search((item) => item.title),
    companyId: anyOf((item) => store.company(item.company).id),
    location: within((item) => [item.place.text, item.place.city, item.place.state, item.place.country]),
    geoId: anyOf((item) => item.place.geoIds),
    workplaceType: anyOf((item) => item.workplaceType),
    employmentType: anyOf((item) => item.employmentType),
    experienceLevel: anyOf((item) => item.experienceLevel),
    industryId: anyOf((item) => store.company(item.company).industry.id),
    functionId: anyOf((item) => item.functionId),
    salary: { match: (item, value) => item.salary !== null && item.salary.min >= Number.parseInt(value, 10) * 1000 },
    postedLimit: { match: (item) => item.postedAt >= since },
    under10Applicants: { match: (item, value) => value === "false" || item.applicants < 10 },
    easyApply: { match: (item, value) => String(item.easyApply) === value },
  };
}

export const jobEndpoints: Endpoint[] = [
  itemEndpoint({
    path: "/linkedin/job",
    cost: jobCharge,
    find: (ctx) => findJob(ctx.store, oneOf(ctx.query, ["jobId", "url"])),
    id: (item) => item.id,
    render: (item, ctx) => job(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/job-search",
    cost: jobCharge,
    page: { mode: "page", pageSize: 25, maxPages: 40 },
    collect: (ctx) => {
      choice(ctx.query, "salary", SALARIES);
      const matching = filterBy(ctx.store.tables.jobs, withOverride(ctx.query, "geoId", "location"), jobFacets(ctx.store, ctx.query));
      return choice(ctx.query, "sortBy", ["relevance", "date"]) === "date" ? newestFirst(matching, (item) => item.postedAt) : matching;
    },
    render: (item, ctx) => jobShort(ctx.store, item),
  }),
];
