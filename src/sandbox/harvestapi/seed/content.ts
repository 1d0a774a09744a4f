/**
 * Seeded posts, comments and reactions. The fixed creator gets enough of each that profile posts,
 * comments and reactions span 3+ pages, and their newest post enough comments, replies and reactions
 * that post comments, comment replies and post reactions do too.
 */
import type { Author, Comment, Group, Post, Reaction, ReactionType } from "../store.js";
import { HOUR_MS, SANDBOX_NOW } from "../time.js";
import { CREATOR_INDEX, FEATURED_COMPANY_INDEX } from "./fixtures.js";
import { ActivityIds, sampleDistinct, type Prng } from "./random.js";
import { COMMENT_TEXTS, POST_TEMPLATES, TOPICS } from "./vocab.js";

const REACTION_TYPES: ReactionType[] = ["LIKE", "LIKE", "LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION", "ENTERTAINMENT"];
const CONTENT_TYPES: Post["contentType"][] = ["text", "text", "text", "images", "images", "videos", "documents", "articles"];

/** How much the fixed creator and their newest post get: each spans 3+ pages. */
export const CREATOR_CONTENT = { posts: 45, comments: 55, reactions: 65 };
export const FEATURED_POST = { comments: 65, firstCommentReplies: 25, firstCommentReactions: 45, reactions: 180 };
const FEATURED_COMPANY_POSTS = 45;
const OTHER_PERSON_POSTS = 250;
const OTHER_COMPANY_POSTS = 80;
/** Authors of the other person posts: the first members of the population (an active minority). */
const ACTIVE_AUTHORS = 400;
const NOT_THE_CREATOR: ReadonlySet<number> = new Set([CREATOR_INDEX]);

interface Sizes {
  people: number;
  companies: number;
  groups: readonly Group[];
}

class ContentBuilder {
  readonly posts: Post[] = [];
  readonly comments: Comment[] = [];
  readonly reactions: Reaction[] = [];
  private readonly ids: ActivityIds;
  private readonly reacted = new Set<string>();

  constructor(
    private readonly prng: Prng,
    private readonly sizes: Sizes,
  ) {
    this.ids = new ActivityIds(prng);
  }

  post(author: Author, postedAt: number): Post {
    const { prng, sizes } = this;
    const topic = prng.pick(TOPICS);
    const post: Post = {
      id: this.ids.take(),
      author,
      content: `${prng.pick(POST_TEMPLATES).replace("{topic}", topic)} #${topic.replaceAll(" ", "")}`,
      postedAt,
      contentType: prng.pick(CONTENT_TYPES),
      group: prng.chance(0.1) ? prng.int(0, sizes.groups.length - 1) : null,
      mentionedPeople: prng.chance(0.2) ? [prng.int(0, sizes.people - 1)] : [],
      mentionedCompanies: prng.chance(0.1) ? [prng.int(0, sizes.companies - 1)] : [],
      shares: prng.int(0, 40),
    };
    this.posts.push(post);
    return post;
  }

  comment(post: Post, actor: number, parent: Comment | null = null): Comment {
    const after = parent?.createdAt ?? post.postedAt;
    const comment: Comment = {
      id: this.ids.take(),
      postId: post.id,
      parentId: parent?.id ?? null,
      actor,
      text: this.prng.pick(COMMENT_TEXTS),
      createdAt: after + this.prng.int(1, Math.max(1, Math.floor((SANDBOX_NOW - after) / HOUR_MS))) * HOUR_MS,
    };
    this.comments.push(comment);
    return comment;
  }

  /** One reaction per actor and target, as on LinkedIn; a repeat is skipped. */
  react(targetId: string, postId: string, actor: number): void {
    const key = `${targetId}:${actor}`;
    if (this.reacted.has(key)) return;
    this.reacted.add(key);
    this.reactions.push({ targetId, postId, actor, type: this.prng.pick(REACTION_TYPES) });
  }

  /** Random members other than the creator, whose own activity is counted exactly (CREATOR_CONTENT). */
  commenters(count: number): number[] {
    return Array.from({ length: count }, () => this.prng.int(CREATOR_INDEX + 1, this.sizes.people - 1));
  }

  reactors(count: number): number[] {
    return sampleDistinct(this.prng, count, this.sizes.people, NOT_THE_CREATOR);
  }

  /** Newest first, spread over the last `days` days. */
  timeline(count: number, days: number): number[] {
    const times = Array.from({ length: count }, () => SANDBOX_NOW - this.prng.int(1, days * 24) * HOUR_MS);
    return times.sort((a, b) => b - a);
  }
}

function addFeaturedPost(builder: ContentBuilder, post: Post): void {
  const [first] = builder.commenters(FEATURED_POST.comments).map((actor) => builder.comment(post, actor));
  for (const actor of builder.commenters(FEATURED_POST.firstCommentReplies)) builder.comment(post, actor, first!);
  for (const actor of builder.reactors(FEATURED_POST.firstCommentReactions)) builder.react(first!.id, post.id, actor);
  for (const actor of builder.reactors(FEATURED_POST.reactions)) builder.react(post.id, post.id, actor);
}

function addEngagement(prng: Prng, builder: ContentBuilder, post: Post): void {
  for (const actor of builder.commenters(prng.int(0, 6))) {
    const comment = builder.comment(post, actor);
    if (prng.chance(0.15)) for (const replier of builder.commenters(prng.int(1, 3))) builder.comment(post, replier, comment);
    if (prng.chance(0.3)) for (const reactor of builder.reactors(prng.int(1, 3))) builder.react(comment.id, post.id, reactor);
  }
  for (const actor of builder.reactors(prng.int(0, 15))) builder.react(post.id, post.id, actor);
}

export function seedContent(prng: Prng, sizes: Sizes): { posts: Post[]; comments: Comment[]; reactions: Reaction[] } {
  const builder = new ContentBuilder(prng, sizes);
  const creatorPosts = builder.timeline(CREATOR_CONTENT.posts, 180).map((at) => builder.post({ kind: "person", index: CREATOR_INDEX }, at));
  for (const at of builder.timeline(FEATURED_COMPANY_POSTS, 365)) builder.post({ kind: "company", index: FEATURED_COMPANY_INDEX }, at);
  for (const at of builder.timeline(OTHER_PERSON_POSTS, 365)) builder.post({ kind: "person", index: prng.int(2, ACTIVE_AUTHORS - 1) }, at);
  for (const at of builder.timeline(OTHER_COMPANY_POSTS, 365)) builder.post({ kind: "company", index: prng.int(1, sizes.companies - 1) }, at);

  const [featured, ...rest] = creatorPosts;
  addFeaturedPost(builder, featured!);
  for (const post of [...rest, ...builder.posts.slice(CREATOR_CONTENT.posts)]) addEngagement(prng, builder, post);

  const othersPosts = builder.posts.filter((post) => !(post.author.kind === "person" && post.author.index === CREATOR_INDEX));
  for (const index of sampleDistinct(prng, CREATOR_CONTENT.comments, othersPosts.length)) builder.comment(othersPosts[index]!, CREATOR_INDEX);
  for (const index of sampleDistinct(prng, CREATOR_CONTENT.reactions, othersPosts.length)) {
    const post = othersPosts[index]!;
    builder.react(post.id, post.id, CREATOR_INDEX);
  }
  return { posts: builder.posts, comments: builder.comments, reactions: builder.reactions };
}
