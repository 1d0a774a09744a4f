/**
 * From what a caller passes (a linkedin.com URL, an id, a public identifier or universal name) to the
 * record it names, and whether a record matches such a reference (for list filters).
 */
import type { Ad, Comment, Company, Group, Job, Person, Post, School, Store } from "./store.js";

/** The path segment after `/<kind>/` in a linkedin.com URL, or the reference itself when it is not a URL. */
function segmentAfter(ref: string, kinds: readonly string[]): string {
  const pattern = new RegExp(`linkedin\\.com/(?:${kinds.join("|")})/([^/?#]+)`, "i");
  const match = pattern.exec(ref);
  return decodeURIComponent(match ? match[1]! : ref.trim()).replace(/\/+$/, "");
}

/** Every 19-digit LinkedIn activity or comment id in a reference, in order. */
const activityIds = (ref: string): string[] => decodeURIComponent(ref).match(/\d{19}/g) ?? [];

const digitsIn = (ref: string, kinds: readonly string[], query?: string): string | undefined => {
  const fromQuery = query ? new RegExp(`[?&]${query}=(\\d+)`).exec(ref)?.[1] : undefined;
  const id = fromQuery ?? segmentAfter(ref, kinds);
  return /^\d+$/.test(id) ? id : undefined;
};

/** A profile URL (/in/<publicIdentifier> or /in/<id>), a public identifier or a member id. */
export function findProfile(store: Store, ref: string): Person | undefined {
  const key = segmentAfter(ref, ["in"]);
  return store.profilesById.get(key) ?? store.profilesByPublicIdentifier.get(key.toLowerCase());
}

export const profileMatches = (person: Person, ref: string): boolean => {
  const key = segmentAfter(ref, ["in"]);
  return key === person.id || key.toLowerCase() === person.publicIdentifier;
};

/** A company URL (/company/, /showcase/, /school/), a numeric id, a universal name or, failing those, a name. */
export const companyMatches = (company: Company, ref: string): boolean => {
  const key = segmentAfter(ref, ["company", "showcase", "school"]).toLowerCase();
  return key === company.id || key === company.universalName || key === company.name.toLowerCase();
};

export const findCompany = (store: Store, ref: string): Company | undefined =>
  store.tables.companies.find((company) => companyMatches(company, ref));

export const schoolMatches = (school: School, ref: string): boolean => {
  const key = segmentAfter(ref, ["school"]).toLowerCase();
  return key === school.id || key === school.universalName || key === school.name.toLowerCase();
};

/** A post URL in any of LinkedIn's forms (/posts/...-activity-<id>-..., /feed/update/urn:li:activity:<id>) or its id. */
export function findPost(store: Store, ref: string): Post | undefined {
  return activityIds(ref)
    .map((id) => store.postsById.get(id))
    .find((post) => post !== undefined);
}

/** A comment URL (the reply's id comes last when it names a reply) or a comment id. */
export function findComment(store: Store, ref: string): Comment | undefined {
  return activityIds(ref)
    .reverse()
    .map((id) => store.commentsById.get(id))
    .find((comment) => comment !== undefined);
}

export function findJob(store: Store, ref: string): Job | undefined {
  const id = digitsIn(ref, ["jobs/view"], "currentJobId");
  return store.tables.jobs.find((job) => job.id === id);
}

export function findGroup(store: Store, ref: string): Group | undefined {
  const id = digitsIn(ref, ["groups"]);
  return store.tables.groups.find((group) => group.id === id);
}

export function findAd(store: Store, ref: string): Ad | undefined {
  const id = digitsIn(ref, ["ad-library/detail"]);
  return store.tables.ads.find((ad) => ad.id === id);
}
