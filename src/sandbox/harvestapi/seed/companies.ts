/** Seeded companies and schools. */
import type { Company, School } from "../store.js";
import { SANDBOX_NOW } from "../time.js";
import { FEATURED_COMPANY, FEATURED_COMPANY_INDEX } from "./fixtures.js";
import { digits, slug, type Prng } from "./random.js";
import { COMPANY_SIZES, COMPANY_SUFFIXES, COMPANY_WORDS, INDUSTRIES, PLACES, SCHOOLS, SKILLS } from "./vocab.js";

export const COMPANY_COUNT = COMPANY_WORDS.length;

function companyName(prng: Prng, index: number): string {
  if (index === FEATURED_COMPANY_INDEX) return FEATURED_COMPANY.name;
  return `${COMPANY_WORDS[index]} ${prng.pick(COMPANY_SUFFIXES)}`;
}

export function seedCompanies(prng: Prng): Company[] {
  return COMPANY_WORDS.map((_, index) => {
    const name = companyName(prng, index);
    const universalName = slug(name);
    const band = prng.pick(COMPANY_SIZES);
    const industry = prng.pick(INDUSTRIES);
    const specialities = [...new Set([prng.pick(SKILLS), prng.pick(SKILLS), prng.pick(SKILLS)])];
    return {
      index,
      id: digits(prng, prng.int(5, 8)),
      universalName,
      name,
      industry,
      size: band.size,
      employeeCount: prng.int(band.min, band.max),
      place: prng.pick(PLACES),
      tagline: `${industry.name} for teams that move fast`,
      description: `${name} builds ${industry.name.toLowerCase()} products used by teams around the world. We care about ${specialities.join(", ")}.`,
      website: `https://www.${universalName.replaceAll("-", "")}.com`,
      foundedYear: prng.int(1995, new Date(SANDBOX_NOW).getUTCFullYear() - 1),
      followerCount: prng.int(200, 250_000),
      specialities,
    };
  });
}

export function seedSchools(prng: Prng): School[] {
  return SCHOOLS.map((name) => ({ id: digits(prng, prng.int(4, 6)), universalName: slug(name), name }));
}
