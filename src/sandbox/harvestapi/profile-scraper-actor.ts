/**
 * HarvestAPI's Apify actor harvestapi~linkedin-profile-scraper: full profiles in bulk, optionally with an
 * email search, billed per profile by Apify ($4 or $10 per 1,000). One dataset item per requested profile,
 * in input order; a profile that cannot be found gives an item with an `error` field instead.
 */
import { ActorInputError, type ApifyActor } from "../apify/host.js";
import { profile } from "./render/people.js";
import { findProfile } from "./resolve.js";
import type { Store } from "./store.js";

export const PROFILE_SCRAPER_ACTOR = "harvestapi~linkedin-profile-scraper";

/** The actor's modes: whether each searches for the profile's email. */
const PROFILE_SCRAPER_MODES: Record<string, boolean> = {
  "Profile details no email ($4 per 1k)": false,
  "Profile details + email search ($10 per 1k)": true,
};
const DEFAULT_MODE = "Profile details no email ($4 per 1k)";

/** The actor's input fields listing profiles, and how each names them. */
const PROFILE_LISTS = { urls: "url", publicIdentifiers: "publicIdentifier", profileIds: "profileId", queries: "query" } as const;

function requestedProfiles(input: Record<string, unknown>): Array<{ field: string; ref: string }> {
  const requested = Object.entries(PROFILE_LISTS).flatMap(([list, field]) => {
    const value = input[list];
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      throw new ActorInputError(`Input is not valid: Field input.${list} must be array of strings`);
    }
    return value.map((ref) => ({ field, ref }));
  });
  if (requested.length === 0) throw new ActorInputError("Input is not valid: Field input.urls is required (or publicIdentifiers, profileIds, queries)");
  return requested;
}

function findEmailFor(input: Record<string, unknown>): boolean {
  const mode = input.profileScraperMode ?? DEFAULT_MODE;
  if (typeof mode !== "string" || !(mode in PROFILE_SCRAPER_MODES)) {
    const allowed = Object.keys(PROFILE_SCRAPER_MODES).map((name) => `"${name}"`).join(", ");
    throw new ActorInputError(`Input is not valid: Field input.profileScraperMode must be equal to one of the allowed values: ${allowed}`);
  }
  return PROFILE_SCRAPER_MODES[mode]!;
}

export function profileScraperActor(store: () => Store): ApifyActor {
  return {
    run(input) {
      const findEmail = findEmailFor(input);
      const data = store();
      return requestedProfiles(input).map(({ field, ref }) => {
        const person = findProfile(data, ref);
        if (!person) return { error: "Profile not found", status: 404, query: { [field]: ref } };
        return profile(data, person, { main: false, findEmail });
      });
    },
  };
}
