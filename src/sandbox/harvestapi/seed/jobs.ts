/** Seeded job postings: the featured company has a dozen, job search spans several pages. */
import type { Company, Job } from "../store.js";
import { HOUR_MS, SANDBOX_NOW } from "../time.js";
import { FEATURED_COMPANY_INDEX } from "./fixtures.js";
import { digits, weightedPick, type Prng } from "./random.js";
import { PLACES, TITLES } from "./vocab.js";

const JOB_COUNT = 90;
const FEATURED_COMPANY_JOBS = 12;

/** LinkedIn's job experience level for a Sales Navigator seniority level id. */
const EXPERIENCE_BY_SENIORITY: Record<string, Job["experienceLevel"]> = {
  "100": "internship",
  "110": "entry",
  "120": "mid-senior",
  "130": "mid-senior",
  "200": "associate",
  "210": "mid-senior",
  "220": "director",
  "300": "executive",
  "310": "executive",
  "320": "executive",
};

const EMPLOYMENT_TYPES: Array<{ value: Job["employmentType"]; weight: number }> = [
  { value: "full-time", weight: 12 },
  { value: "part-time", weight: 1 },
  { value: "contract", weight: 2 },
  { value: "temporary", weight: 1 },
  { value: "internship", weight: 1 },
];

function salary(prng: Prng, company: Company): Job["salary"] {
  if (!prng.chance(0.6)) return null;
  const min = prng.int(5, 20) * 10_000;
  const currency = { US: "USD", GB: "GBP", CA: "CAD", AU: "AUD", IN: "INR" }[company.place.countryCode] ?? "EUR";
  return { min, max: min + prng.int(1, 6) * 10_000, currency };
}

export function seedJobs(prng: Prng, companies: readonly Company[]): Job[] {
  return Array.from({ length: JOB_COUNT }, (_, index) => {
    const company = index < FEATURED_COMPANY_JOBS ? FEATURED_COMPANY_INDEX : prng.int(0, companies.length - 1);
    const spec = weightedPick(prng, TITLES);
    const title = spec.title;
    return {
      id: `4${digits(prng, 9)}`,
      title,
      company,
      place: prng.chance(0.7) ? companies[company]!.place : prng.pick(PLACES),
      workplaceType: prng.pick(["office", "office", "hybrid", "hybrid", "remote"] as const),
      employmentType: title.includes("Intern") ? "internship" : weightedPick(prng, EMPLOYMENT_TYPES).value,
      experienceLevel: EXPERIENCE_BY_SENIORITY[spec.seniorityId]!,
      functionId: spec.functionId,
      salary: salary(prng, companies[company]!),
      postedAt: SANDBOX_NOW - prng.int(2, 45 * 24) * HOUR_MS,
      easyApply: prng.chance(0.4),
      applicants: prng.chance(0.2) ? prng.int(0, 9) : prng.int(10, 400),
      views: prng.int(20, 5000),
    };
  });
}
