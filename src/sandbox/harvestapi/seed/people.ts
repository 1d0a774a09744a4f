/** The seeded population: a few thousand LinkedIn members, enough for lead search to hit its 100-page cap. */
import type { Company, Person } from "../store.js";
import { DAY_MS, SANDBOX_NOW } from "../time.js";
import { CREATOR, CREATOR_INDEX, FEATURED_COMPANY_INDEX, SELF, SELF_INDEX } from "./fixtures.js";
import { chars, memberId, sampleDistinct, slug, weightedPick, type Prng } from "./random.js";
import { FIRST_NAMES, LANGUAGES, LAST_NAMES, PLACES, SERVICES, SKILLS, TITLES } from "./vocab.js";

export const PEOPLE_COUNT = 3000;

const FIXED_NAMES: Record<number, { firstName: string; lastName: string; publicIdentifier: string }> = {
  [SELF_INDEX]: SELF,
  [CREATOR_INDEX]: CREATOR,
};

const SANDBOX_YEAR = new Date(SANDBOX_NOW).getUTCFullYear();

function identity(prng: Prng, index: number) {
  const fixed = FIXED_NAMES[index];
  if (fixed) return { ...fixed };
  const firstName = prng.pick(FIRST_NAMES);
  const lastName = prng.pick(LAST_NAMES);
  return { firstName, lastName, publicIdentifier: `${slug(firstName)}-${slug(lastName)}-${chars(prng, 8, "0123456789abcdef")}` };
}

function otherThan(prng: Prng, size: number, value: number): number {
  const other = prng.int(0, size - 2);
  return other >= value ? other + 1 : other;
}

function emailOf(prng: Prng, firstName: string, lastName: string, company: Company): string | null {
  if (prng.chance(0.2)) return null;
  const domain = new URL(company.website).hostname.replace(/^www\./, "");
  return `${slug(firstName).replaceAll("-", "")}.${slug(lastName).replaceAll("-", "")}@${domain}`;
}

function person(prng: Prng, index: number, companies: readonly Company[], schoolCount: number): Person {
  const { firstName, lastName, publicIdentifier } = identity(prng, index);
  const title = weightedPick(prng, TITLES);
  const company = index === CREATOR_INDEX ? FEATURED_COMPANY_INDEX : prng.int(0, companies.length - 1);
  const startedAt = SANDBOX_NOW - prng.int(20, 12 * 365) * DAY_MS;
  const started = new Date(startedAt);
  const place = prng.pick(PLACES);
  const localLanguage = { DE: "German", FR: "French", ES: "Spanish", NL: "Dutch", IN: "Hindi" }[place.countryCode];
  const skills = sampleDistinct(prng, prng.int(3, 8), SKILLS.length).map((skill) => SKILLS[skill]!);
  const offersServices = prng.chance(0.08);
  return {
    index,
    id: memberId(prng),
    publicIdentifier,
    memberNumber: prng.int(10_000_000, 999_999_999),
    firstName,
    lastName,
    title: title.title,
    seniorityId: title.seniorityId,
    functionId: title.functionId,
    company,
    pastCompany: otherThan(prng, companies.length, company),
    pastTitle: weightedPick(prng, TITLES).title,
    school: prng.int(0, schoolCount - 1),
    place,
    startedOn: { year: started.getUTCFullYear(), month: started.getUTCMonth() + 1 },
    careerStartYear: started.getUTCFullYear() - prng.int(0, 18),
    languages: localLanguage ? ["English", localLanguage] : prng.chance(0.1) ? ["English", prng.pick(LANGUAGES)] : ["English"],
    skills,
    openToWork: prng.chance(0.12),
    premium: prng.chance(0.3),
    openProfile: prng.chance(0.15),
    hiring: prng.chance(0.08),
    influencer: index === CREATOR_INDEX,
    recentlyChangedJobs: SANDBOX_NOW - startedAt < 90 * DAY_MS,
    postedOnLinkedin: index === CREATOR_INDEX || prng.chance(0.25),
    connectionsCount: prng.int(30, 500),
    followerCount: index === CREATOR_INDEX ? 48_200 : prng.int(30, 9_000),
    email: emailOf(prng, firstName, lastName, companies[company]!),
    services: offersServices ? [...new Set([prng.pick(SERVICES), prng.pick(SERVICES)])] : null,
    registeredAt: Date.UTC(prng.int(2005, SANDBOX_YEAR - 1), prng.int(0, 11), prng.int(1, 28)),
  };
}

export function seedPeople(prng: Prng, companies: readonly Company[], schoolCount: number): Person[] {
  return Array.from({ length: PEOPLE_COUNT }, (_, index) => person(prng, index, companies, schoolCount));
}
