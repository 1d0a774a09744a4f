/** The linkedin.com URLs of each kind of record, as HarvestAPI returns them. */
import type { Ad, Comment, Company, Group, Job, Person, Post, School } from "./store.js";

const LINKEDIN = "https://www.linkedin.com";

export const profileUrl = (person: Person): string => `${LINKEDIN}/in/${person.publicIdentifier}`;
export const companyUrl = (company: Company): string => `${LINKEDIN}/company/${company.universalName}/`;
export const schoolUrl = (school: School): string => `${LINKEDIN}/school/${school.universalName}/`;
export const jobUrl = (job: Job): string => `${LINKEDIN}/jobs/view/${job.id}/`;
export const groupUrl = (group: Group): string => `${LINKEDIN}/groups/${group.id}/`;
export const adUrl = (ad: Ad): string => `${LINKEDIN}/ad-library/detail/${ad.id}`;
export const postUrl = (post: Post): string => `${LINKEDIN}/feed/update/urn:li:activity:${post.id}/`;

const commentUrn = (postId: string, commentId: string) => encodeURIComponent(`urn:li:comment:(activity:${postId},${commentId})`);

/** A reply's URL names its parent comment and itself, as LinkedIn's do. */
export function commentUrl(comment: Comment): string {
  const base = `${LINKEDIN}/feed/update/urn:li:activity:${comment.postId}?commentUrn=`;
  if (!comment.parentId) return base + commentUrn(comment.postId, comment.id);
  return `${base}${commentUrn(comment.postId, comment.parentId)}&replyUrn=${commentUrn(comment.postId, comment.id)}`;
}

export const pictureUrl = (kind: string, id: string): string =>
  `https://media.licdn.com/dms/image/v2/sandbox/${kind}-shrink_800_800/${encodeURIComponent(id)}`;
