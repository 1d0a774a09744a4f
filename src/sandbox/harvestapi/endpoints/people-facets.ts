/** The filters of the three people searches (profile search, lead search, service search) over the population. */
import { anyOf, refersTo, search, when, within, type Facets } from "../facets.js";
import { fullName, headline } from "../render/people.js";
import { companyMatches, schoolMatches } from "../resolve.js";
import { COMPANY_SIZES } from "../seed/vocab.js";
import type { Person, Place, Store } from "../store.js";
import { SANDBOX_NOW } from "../time.js";

const SANDBOX_YEAR = new Date(SANDBOX_NOW).getUTCFullYear();

const placeTexts = (place: Place) => [place.text, place.city, place.state, place.country];

/** Sales Navigator's year ranges: 1 (< 1), 2 (1-2), 3 (3-5), 4 (6-10), 5 (> 10). */
function yearsId(years: number): string {
  if (years < 1) return "1";
  if (years <= 2) return "2";
  if (years <= 5) return "3";
  return years <= 10 ? "4" : "5";
}

const headcountOf = (size: string) => COMPANY_SIZES.find((band) => band.size === size)!.headcount;

export function leadFacets(store: Store): Facets<Person> {
  const companyOf = (person: Person) => store.company(person.company);
  return {
    search: search((person) => [fullName(person), headline(person, companyOf(person)), person.skills.join(" "), person.place.text].join(" ")),
    currentCompanies: refersTo(companyOf, companyMatches),
    pastCompanies: refersTo((person) => store.company(person.pastCompany), companyMatches),
    locations: within((person) => placeTexts(person.place)),
    geoIds: anyOf((person) => person.place.geoIds),
    schools: refersTo((person) => store.tables.schools[person.school]!, schoolMatches),
    currentJobTitles: within((person) => person.title),
    pastJobTitles: within((person) => person.pastTitle),
    firstNames: anyOf((person) => person.firstName),
    lastNames: anyOf((person) => person.lastName),
    industryIds: anyOf((person) => companyOf(person).industry.id),
    yearsAtCurrentCompanyIds: anyOf((person) => yearsId(SANDBOX_YEAR - person.startedOn.year)),
    yearsOfExperienceIds: anyOf((person) => yearsId(SANDBOX_YEAR - person.careerStartYear)),
    seniorityLevelIds: anyOf((person) => person.seniorityId),
    functionIds: anyOf((person) => person.functionId),
    recentlyChangedJobs: when((person) => person.recentlyChangedJobs),
    postedOnLinkedin: when((person) => person.postedOnLinkedin),
    profileLanguages: anyOf((person) => person.languages),
    companyHeadcount: anyOf((person) => headcountOf(companyOf(person).size)),
    companyHeadquarterLocations: within((person) => placeTexts(companyOf(person).place)),
  };
}

/** Classic LinkedIn people search: singular parameter names, a subset of the lead filters. */
export function profileSearchFacets(store: Store): Facets<Person> {
  const lead = leadFacets(store);
  return {
    search: search((person) => `${fullName(person)} ${headline(person, store.company(person.company))}`),
    currentCompany: lead.currentCompanies!,
    pastCompany: lead.pastCompanies!,
    school: lead.schools!,
    firstName: lead.firstNames!,
    lastName: lead.lastNames!,
    title: within((person) => person.title),
    location: lead.locations!,
    geoId: lead.geoIds!,
    industryId: lead.industryIds!,
    keywordsCompany: search((person) => store.company(person.company).name),
    keywordsSchool: search((person) => store.tables.schools[person.school]!.name),
  };
}

export function serviceSearchFacets(store: Store): Facets<Person> {
  const lead = leadFacets(store);
  return {
    search: search((person) => `${fullName(person)} ${person.title} ${(person.services ?? []).join(" ")}`),
    location: lead.locations!,
    geoId: lead.geoIds!,
  };
}
