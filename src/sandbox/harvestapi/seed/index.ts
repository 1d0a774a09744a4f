/** Builds the simulated LinkedIn: same seed, same data; dates count back from SANDBOX_NOW, never from today. */
import { Store } from "../store.js";
import { seedAds } from "./ads.js";
import { seedCompanies, seedSchools } from "./companies.js";
import { seedContent } from "./content.js";
import { seedGroups } from "./groups.js";
import { seedJobs } from "./jobs.js";
import { seedNetwork, seedPools } from "./network.js";
import { seedPeople } from "./people.js";
import { Prng } from "./random.js";
import { GEO_LOCATIONS } from "./vocab.js";

export const DEFAULT_SEED = 20260630;

export function seedStore(seed: number = DEFAULT_SEED): Store {
  const prng = new Prng(seed);
  const companies = seedCompanies(prng);
  const schools = seedSchools(prng);
  const people = seedPeople(prng, companies, schools.length);
  const groups = seedGroups(prng, people.length);
  const content = seedContent(prng, { people: people.length, companies: companies.length, groups });
  return new Store({
    people,
    companies,
    schools,
    groups,
    ...content,
    jobs: seedJobs(prng, companies),
    ads: seedAds(prng, companies),
    geo: GEO_LOCATIONS,
    pools: seedPools(prng),
    network: seedNetwork(prng, people.length),
  }, prng);
}
