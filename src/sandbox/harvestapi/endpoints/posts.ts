/** Posts: get, search, and their comments, comment replies, reactions and comment reactions. */
import { PRICES, fixedCharge } from "../costs.js";
import { itemEndpoint, listEndpoint, type Endpoint, type EndpointContext } from "../endpoint.js";
import { anyOf, filterBy, refersTo, search, type Facets } from "../facets.js";
import { choice, required, type Query } from "../params.js";
import { newestFirst, postedSince } from "../recency.js";
import { fullName, headline } from "../render/people.js";
import { comment, post, reaction } from "../render/posts.js";
import { companyMatches, findComment, findGroup, findPost, profileMatches } from "../resolve.js";
import type { Comment, Post, Store } from "../store.js";

const standard = fixedCharge(PRICES.standard, "linkedin-request");
const SORTS = ["relevance", "date"] as const;

/** post-search's contentType values and the seeded content types they find. */
const CONTENT_TYPES: Record<string, Post["contentType"] | undefined> = {
  videos: "videos",
  images: "images",
  documents: "documents",
  collaborative_articles: "articles",
  live_videos: undefined,
  jobs: undefined,
};

function postFacets(store: Store, query: Query): Facets<Post> {
  const personAuthor = (item: Post) => (item.author.kind === "person" ? [store.person(item.author.index)] : []);
  const companyAuthor = (item: Post) => (item.author.kind === "company" ? [store.company(item.author.index)] : []);
  const authorsCompany = (item: Post) => personAuthor(item).map((person) => store.company(person.company));
  const since = postedSince(query);
  return {
    search: search((item) => item.content),
    profile: refersTo(personAuthor, profileMatches),
    company: refersTo(companyAuthor, companyMatches),
    authorsCompany: refersTo(authorsCompany, companyMatches),
    authorsIndustryId: anyOf((item) => authorsCompany(item).map((owner) => owner.industry.id)),
    mentioningMember: refersTo((item) => item.mentionedPeople.map((index) => store.person(index)), profileMatches),
    mentioningCompany: refersTo((item) => item.mentionedCompanies.map((index) => store.company(index)), companyMatches),
    contentType: { match: (item, value) => CONTENT_TYPES[value] === item.contentType },
    authorKeywords: search((item) => personAuthor(item).map((person) => `${fullName(person)} ${headline(person, store.company(person.company))}`).join(" ")),
    group: { match: (item, value) => item.group !== null && findGroup(store, value) === store.tables.groups[item.group] },
    postedLimit: { match: (item) => item.postedAt >= since },
    scrapePostedLimit: { match: (item) => item.postedAt >= since },
  };
}

const engagement = (store: Store, id: string) => (store.reactionsByTarget.get(id)?.length ?? 0) + (store.commentsByParent.get(id)?.length ?? 0);

/** "relevance" puts the most engaged first; "date" the newest. */
function sorted<T extends Post | Comment>(store: Store, records: readonly T[], query: Query, at: (record: T) => number): T[] {
  if (choice(query, "sortBy", SORTS) === "date") return newestFirst(records, at);
  return [...records].sort((a, b) => engagement(store, b.id) - engagement(store, a.id));
}

const postParam = (ctx: EndpointContext) => findPost(ctx.store, required(ctx.query, "post"));
const commentParam = (ctx: EndpointContext) => findComment(ctx.store, required(ctx.query, "url"));

export const postEndpoints: Endpoint[] = [
  itemEndpoint({
    path: "/linkedin/post",
    cost: standard,
    find: (ctx) => findPost(ctx.store, required(ctx.query, "url")),
    id: (item) => item.id,
    render: (item, ctx) => post(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/post-search",
    cost: standard,
    page: { mode: "page+token-or-first", pageSize: 20, maxPages: 100 },
    collect: (ctx) => sorted(ctx.store, filterBy(ctx.store.tables.posts, ctx.query, postFacets(ctx.store, ctx.query)), ctx.query, (item) => item.postedAt),
    render: (item, ctx) => post(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/post-comments",
    cost: standard,
    // LinkedIn needs the token past page 1 only for the relevance order.
    page: (query) => ({ mode: query.sortBy === "date" ? "page" : "page+token-or-first", pageSize: 20 }),
    collect: (ctx) => {
      const item = postParam(ctx);
      if (!item) return undefined;
      const topLevel = ctx.store.commentsByParent.get(item.id) ?? [];
      return sorted(ctx.store, topLevel, ctx.query, (record) => record.createdAt);
    },
    render: (item, ctx) => comment(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/post-comment-replies",
    cost: standard,
    page: { mode: "token", pageSize: 10 },
    collect: (ctx) => {
      const parent = commentParam(ctx);
      return parent ? (ctx.store.commentsByParent.get(parent.id) ?? []) : undefined;
    },
    render: (item, ctx) => comment(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/post-reactions",
    cost: standard,
    page: { mode: "page", pageSize: 50 },
    collect: (ctx) => {
      const item = postParam(ctx);
      return item ? (ctx.store.reactionsByTarget.get(item.id) ?? []) : undefined;
    },
    render: (item, ctx) => reaction(ctx.store, item),
  }),
  listEndpoint({
    path: "/linkedin/comment-reactions",
    cost: standard,
    page: { mode: "page", pageSize: 20 },
    collect: (ctx) => {
      const parent = commentParam(ctx);
      return parent ? (ctx.store.reactionsByTarget.get(parent.id) ?? []) : undefined;
    },
    render: (item, ctx) => reaction(ctx.store, item),
  }),
];
