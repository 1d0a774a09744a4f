/** The simulated LinkedIn as HarvestAPI sees it: compact seeded records (rendered to API shapes on demand) and lookups. */
import type { Prng } from "../harvest/prng.js";

export interface Place {
  /** As LinkedIn shows it, e.g. "San Francisco Bay Area" or "Berlin, Berlin, Germany". */
  text: string;
  city: string;
  state: string;
  country: string;
  countryCode: string;
  /** City, metro area, region and country geo ids: a geoId filter for any of them matches. */
  geoIds: string[];
}

export interface Industry {
  id: string;
  name: string;
}

export interface Person {
  index: number;
  /** LinkedIn member id, "ACoAA..." */
  id: string;
  publicIdentifier: string;
  memberNumber: number;
  firstName: string;
  lastName: string;
  title: string;
  seniorityId: string;
  functionId: string;
  /** Index into companies. */
  company: number;
  pastCompany: number;
  pastTitle: string;
  school: number;
  place: Place;
  /** Started at the current company (year, month 1-12). */
  startedOn: { year: number; month: number };
  careerStartYear: number;
  languages: string[];
  skills: string[];
  openToWork: boolean;
  premium: boolean;
  openProfile: boolean;
  hiring: boolean;
  influencer: boolean;
  recentlyChangedJobs: boolean;
  postedOnLinkedin: boolean;
  connectionsCount: number;
  followerCount: number;
  /** The email findEmail discovers (null: none found). */
  email: string | null;
  /** Services offered on LinkedIn's service marketplace; null when the profile offers none. */
  services: string[] | null;
  registeredAt: number;
}

export interface Company {
  index: number;
  id: string;
  universalName: string;
  name: string;
  industry: Industry;
  /** LinkedIn's company size band, e.g. "51-200". */
  size: string;
  employeeCount: number;
  place: Place;
  tagline: string;
  description: string;
  website: string;
  foundedYear: number;
  followerCount: number;
  specialities: string[];
}

export interface School {
  id: string;
  universalName: string;
  name: string;
}

export type Author = { kind: "person"; index: number } | { kind: "company"; index: number };

export interface Post {
  id: string;
  author: Author;
  content: string;
  postedAt: number;
  contentType: "text" | "images" | "videos" | "documents" | "articles";
  /** Posted in a group (index into groups). */
  group: number | null;
  mentionedPeople: number[];
  mentionedCompanies: number[];
  shares: number;
}

export interface Comment {
  id: string;
  postId: string;
  /** The comment this one replies to. */
  parentId: string | null;
  actor: number;
  text: string;
  createdAt: number;
}

export type ReactionType = "LIKE" | "PRAISE" | "EMPATHY" | "INTEREST" | "APPRECIATION" | "ENTERTAINMENT";

export interface Reaction {
  /** A post id or a comment id. */
  targetId: string;
  /** The post the target belongs to. */
  postId: string;
  actor: number;
  type: ReactionType;
}

export interface Job {
  id: string;
  title: string;
  company: number;
  place: Place;
  workplaceType: "office" | "hybrid" | "remote";
  employmentType: "full-time" | "part-time" | "contract" | "temporary" | "internship";
  experienceLevel: "internship" | "entry" | "associate" | "mid-senior" | "director" | "executive";
  functionId: string;
  salary: { min: number; max: number; currency: string } | null;
  postedAt: number;
  easyApply: boolean;
  applicants: number;
  views: number;
}

export interface Group {
  id: string;
  name: string;
  summary: string;
  memberCount: number;
  createdAt: number;
  admins: number[];
  publicVisibility: boolean;
}

export interface Ad {
  id: string;
  company: number;
  format: "SINGLE_IMAGE" | "VIDEO" | "CAROUSEL" | "DOCUMENT" | "TEXT";
  headline: string;
  description: string;
  ctaLabel: string;
  targetUrl: string;
  countries: string[];
  ranFrom: number;
  ranTo: number;
  impressions: string;
}

export interface GeoLocation {
  geoId: string;
  title: string;
}

export interface Invitation {
  invitationId: string;
  sharedSecret: string;
  /** The other side: the invitee of a sent invitation, the sender of a received one. */
  person: number;
  sentAt: number;
}

/** The LinkedIn account behind the sandbox li_at cookie. */
export interface Network {
  me: number;
  connections: Set<number>;
  sent: Invitation[];
  received: Invitation[];
}

export interface PrivateAccountPool {
  id: string;
  name: string;
  accounts: Array<{ id: string; name: string; status: "active" | "paused" }>;
}

export interface Tables {
  people: Person[];
  companies: Company[];
  schools: School[];
  posts: Post[];
  comments: Comment[];
  reactions: Reaction[];
  jobs: Job[];
  groups: Group[];
  ads: Ad[];
  geo: GeoLocation[];
  pools: PrivateAccountPool[];
  network: Network;
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string | number | null) => {
  const groups = new Map<string | number, T[]>();
  for (const item of items) {
    const value = key(item);
    if (value === null) continue;
    const list = groups.get(value) ?? [];
    list.push(item);
    groups.set(value, list);
  }
  return groups;
};

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

/** The tables plus the lookups every endpoint needs (built once per seed). */
export class Store {
  readonly profilesById: Map<string, Person>;
  readonly profilesByPublicIdentifier: Map<string, Person>;
  readonly postsById: Map<string, Post>;
  readonly commentsById: Map<string, Comment>;
  /** Every comment of a post, replies included. */
  readonly commentsByPost: Map<string | number, Comment[]>;
  /** Top-level comments per post id, and replies per comment id. */
  readonly commentsByParent: Map<string | number, Comment[]>;
  readonly commentsByActor: Map<string | number, Comment[]>;
  readonly reactionsByTarget: Map<string | number, Reaction[]>;
  readonly reactionsByActor: Map<string | number, Reaction[]>;
  readonly postsByAuthor: Map<string | number, Post[]>;

  /** `prng` makes the ids of what requests create (invitations, messages) deterministic too. */
  constructor(
    readonly tables: Tables,
    readonly prng: Prng,
  ) {
    this.profilesById = byId(tables.people);
    this.profilesByPublicIdentifier = new Map(tables.people.map((person) => [person.publicIdentifier, person]));
    this.postsById = byId(tables.posts);
    this.commentsById = byId(tables.comments);
    this.commentsByPost = groupBy(tables.comments, (comment) => comment.postId);
    this.commentsByParent = groupBy(tables.comments, (comment) => comment.parentId ?? comment.postId);
    this.commentsByActor = groupBy(tables.comments, (comment) => comment.actor);
    this.reactionsByTarget = groupBy(tables.reactions, (reaction) => reaction.targetId);
    this.reactionsByActor = groupBy(tables.reactions, (reaction) => reaction.actor);
    this.postsByAuthor = groupBy(tables.posts, (post) => authorKey(post.author));
  }

  person(index: number): Person {
    return this.tables.people[index]!;
  }

  company(index: number): Company {
    return this.tables.companies[index]!;
  }
}

/** "person:12" / "company:3": the key of postsByAuthor. */
export const authorKey = (author: Author): string => `${author.kind}:${author.index}`;
