/** Profiles: get (full, main, with email), the three people searches, and what a profile posted, commented and reacted. */
import { PRICES, fixedCharge, profileCharge } from "../costs.js";
import { itemEndpoint, listEndpoint, type Endpoint, type EndpointContext } from "../endpoint.js";
import { excludeBy, filterBy, withOverride } from "../facets.js";
import { flag, oneOf, required } from "../params.js";
import { newestFirst, postedSince } from "../recency.js";
import { leadShort, profile, profileShort } from "../render/people.js";
import { comment, post, reaction } from "../render/posts.js";
import { findProfile } from "../resolve.js";
import { authorKey, type Person } from "../store.js";
import { leadFacets, profileSearchFacets, serviceSearchFacets } from "./people-facets.js";

const standard = fixedCharge(PRICES.standard, "linkedin-request");
/** LinkedIn shows 10 people per search page, Sales Navigator 25, and neither goes past page 100. */
const SEARCH_PAGES = { mode: "page", pageSize: 10, maxPages: 100 } as const;

/** The profile a listing is about (`profile` parameter), or undefined for the not-found envelope. */
const subject = (ctx: EndpointContext): Person | undefined => findProfile(ctx.store, required(ctx.query, "profile"));

export const profileEndpoints: Endpoint[] = [
  itemEndpoint({
    path: "/linkedin/profile",
    cost: profileCharge,
    find: (ctx) => findProfile(ctx.store, oneOf(ctx.query, ["url", "publicIdentifier", "profileId", "query"])),
    id: (person) => person.id,
    render: (person, ctx) => profile(ctx.store, person, { main: ctx.query.main?.trim() === "true", findEmail: flag(ctx.query, "findEmail") }),
  }),
  listEndpoint({
    path: "/linkedin/profile-search",
    cost: standard,
    page: SEARCH_PAGES,
    collect: (ctx) => filterBy(ctx.store.tables.people, withOverride(ctx.query, "geoId", "location"), profileSearchFacets(ctx.store)),
    render: (person, ctx) => profileShort(ctx.store, person),
  }),
  listEndpoint({
    path: "/linkedin/lead-search",
    cost: fixedCharge(PRICES.leadSearchPage, "lead-search-page"),
    page: { ...SEARCH_PAGES, pageSize: 25 },
    collect: (ctx) => {
      const query = withOverride(ctx.query, "geoIds", "locations");
      const facets = leadFacets(ctx.store);
      return excludeBy(filterBy(ctx.store.tables.people, query, facets), query, facets);
    },
    render: (person, ctx) => leadShort(ctx.store, person),
  }),
  listEndpoint({
    path: "/linkedin/service-search",
    cost: standard,
    page: SEARCH_PAGES,
    collect: (ctx) => {
      required(ctx.query, "search");
      const providers = ctx.store.tables.people.filter((person) => person.services !== null);
      return filterBy(providers, withOverride(ctx.query, "geoId", "location"), serviceSearchFacets(ctx.store));
    },
    render: (person, ctx) => profileShort(ctx.store, person),
  }),
  listEndpoint({
    path: "/linkedin/profile-posts",
    cost: standard,
    page: { mode: "page+token-or-first", pageSize: 20 },
    collect: (ctx) => {
      const person = subject(ctx);
      if (!person) return undefined;
      const since = postedSince(ctx.query);
      const posts = ctx.store.postsByAuthor.get(authorKey({ kind: "person", index: person.index })) ?? [];
      return newestFirst(posts, (item) => item.postedAt).filter((item) => item.postedAt >= since);
    },
    render: (item, ctx) => post(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/profile-comments",
    cost: standard,
    page: { mode: "page+token", pageSize: 20 },
    collect: (ctx) => {
      const person = subject(ctx);
      if (!person) return undefined;
      const since = postedSince(ctx.query);
      return newestFirst(ctx.store.commentsByActor.get(person.index) ?? [], (item) => item.createdAt).filter((item) => item.createdAt >= since);
    },
    render: (item, ctx) => comment(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/profile-reactions",
    cost: standard,
    page: { mode: "page+token", pageSize: 20 },
    collect: (ctx) => {
      const person = subject(ctx);
      return person ? (ctx.store.reactionsByActor.get(person.index) ?? []) : undefined;
    },
    render: (item, ctx) => reaction(ctx.store, item),
  }),
];
