/** Posts and what people do with them, as the API shows them: PostShort, PostComment, PostReaction. */
import type { Comment, Post, Reaction, Store } from "../store.js";
import { SANDBOX_NOW, isoDate, postedAgo } from "../time.js";
import { companyUrl, commentUrl, pictureUrl, postUrl, profileUrl } from "../urls.js";
import { actor, fullName, headline } from "./people.js";

const image = (kind: string, id: string) => ({ url: pictureUrl(kind, id), width: 800, height: 800, expiresAt: SANDBOX_NOW + 90 * 86_400_000 });

function author(store: Store, post: Post) {
  if (post.author.kind === "company") {
    const company = store.company(post.author.index);
    return { id: company.id, universalName: company.universalName, name: company.name, linkedinUrl: companyUrl(company), info: `${company.followerCount.toLocaleString("en-US")} followers`, avatar: image("company-logo", company.id) };
  }
  const person = store.person(post.author.index);
  return {
    id: person.id,
    urn: `urn:li:fsd_profile:${person.id}`,
    publicIdentifier: person.publicIdentifier,
    name: fullName(person),
    linkedinUrl: profileUrl(person),
    info: headline(person, store.company(person.company)),
    avatar: image("profile-displayphoto", person.id),
  };
}

/** Reaction counts per type, most frequent first. */
function reactionCounts(reactions: readonly Reaction[]) {
  const counts = new Map<string, number>();
  for (const reaction of reactions) counts.set(reaction.type, (counts.get(reaction.type) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([type, count]) => ({ type, count }));
}

export function post(store: Store, record: Post) {
  const reactions = store.reactionsByTarget.get(record.id) ?? [];
  const ago = postedAgo(record.postedAt);
  return {
    id: record.id,
    content: record.content,
    linkedinUrl: postUrl(record),
    author: author(store, record),
    postedAt: { timestamp: record.postedAt, date: isoDate(record.postedAt), postedAgoShort: ago.short, postedAgoText: ago.text },
    postImages: record.contentType === "images" ? [image("feedshare-image", record.id)] : [],
    ...(record.contentType === "videos" ? { postVideo: { thumbnailUrl: pictureUrl("video-thumbnail", record.id), videoUrl: `https://dms.licdn.com/playlist/sandbox/${record.id}.m3u8` } } : {}),
    repostId: null,
    socialContent: { hideCommentsCount: false, hideReactionsCount: false, hideSocialActivityCounts: false, shareUrl: postUrl(record) },
    engagement: {
      likes: reactions.length,
      comments: (store.commentsByPost.get(record.id) ?? []).length,
      shares: record.shares,
      reactions: reactionCounts(reactions),
    },
  };
}

export function comment(store: Store, record: Comment) {
  const replies = store.commentsByParent.get(record.id) ?? [];
  const post = store.postsById.get(record.postId)!;
  return {
    id: record.id,
    linkedinUrl: commentUrl(record),
    commentary: record.text,
    createdAt: isoDate(record.createdAt),
    createdAtTimestamp: record.createdAt,
    numComments: replies.length,
    numShares: null,
    numImpressions: null,
    reactionTypeCounts: reactionCounts(store.reactionsByTarget.get(record.id) ?? []),
    postId: record.postId,
    actor: { ...actor(store, store.person(record.actor)), author: post.author.kind === "person" && post.author.index === record.actor },
    pinned: false,
    contributed: false,
    edited: false,
  };
}

export const reaction = (store: Store, record: Reaction) => {
  const person = store.person(record.actor);
  return {
    id: `urn:li:fsd_reaction:(urn:li:fsd_profile:${person.id},urn:li:activity:${record.targetId},0)`,
    reactionType: record.type,
    postId: record.postId,
    actor: actor(store, person),
  };
};
