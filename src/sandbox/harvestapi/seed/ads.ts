/** Seeded LinkedIn Ad Library entries: the featured company runs many, so ad search spans several pages. */
import type { Ad, Company } from "../store.js";
import { DAY_MS, SANDBOX_NOW } from "../time.js";
import { FEATURED_COMPANY_INDEX } from "./fixtures.js";
import { digits, sampleDistinct, type Prng } from "./random.js";
import { AD_COUNTRIES, AD_CTAS, AD_HEADLINES } from "./vocab.js";

const AD_COUNT = 48;
const FEATURED_COMPANY_ADS = 15;
const FORMATS: Ad["format"][] = ["SINGLE_IMAGE", "SINGLE_IMAGE", "VIDEO", "CAROUSEL", "DOCUMENT", "TEXT"];
const IMPRESSIONS = ["< 1k", "1k-5k", "5k-10k", "10k-50k", "50k-100k", "100k-500k", "500k-1M", "> 1M"];

export function seedAds(prng: Prng, companies: readonly Company[]): Ad[] {
  return Array.from({ length: AD_COUNT }, (_, index) => {
    const company = index < FEATURED_COMPANY_ADS ? FEATURED_COMPANY_INDEX : prng.int(1, companies.length - 1);
    const ranFrom = SANDBOX_NOW - prng.int(5, 420) * DAY_MS;
    const headline = prng.pick(AD_HEADLINES);
    return {
      id: digits(prng, 9),
      company,
      format: prng.pick(FORMATS),
      headline,
      description: `${companies[company]!.name}: ${headline.toLowerCase()}. Trusted by thousands of teams.`,
      ctaLabel: prng.pick(AD_CTAS),
      targetUrl: `${companies[company]!.website}/campaign/${digits(prng, 4)}`,
      countries: sampleDistinct(prng, prng.int(1, 3), AD_COUNTRIES.length).map((country) => AD_COUNTRIES[country]!),
      ranFrom,
      ranTo: Math.min(SANDBOX_NOW, ranFrom + prng.int(5, 60) * DAY_MS),
      impressions: prng.pick(IMPRESSIONS),
    };
  });
}
