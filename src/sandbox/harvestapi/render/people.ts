/** LinkedIn members as the API shows them: full Profile (and its main variant), ProfileShort, LeadShort, comment/reaction actor. */
import { Prng } from "../../harvest/prng.js";
import type { Company, Person, Place, Store } from "../store.js";
import { SANDBOX_NOW, isoDate } from "../time.js";
import { companyUrl, pictureUrl, profileUrl, schoolUrl } from "../urls.js";
import { DEGREES, FIELDS_OF_STUDY, TITLES } from "../seed/vocab.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** main=true: what LinkedIn shows before expanding a section. */
const MAIN_LIMITS = { experience: 5, education: 2, skills: 2 };

export const fullName = (person: Person): string => `${person.firstName} ${person.lastName}`;

export const headline = (person: Person, company: Company): string => `${person.title} at ${company.name}`;

export const locationOf = (place: Place) => ({
  linkedinText: place.text,
  countryCode: place.countryCode,
  parsed: {
    text: place.text,
    countryCode: place.countryCode,
    regionCode: null,
    country: place.country,
    countryFull: place.country,
    state: place.state,
    city: place.city,
  },
});

const picture = (person: Person) => pictureUrl("profile-displayphoto", person.id);

const dateObject = (year: number, month: number | null) => ({
  month: month === null ? null : MONTHS[month - 1]!,
  year,
  text: month === null ? String(year) : `${MONTHS[month - 1]} ${year}`,
});

function duration(fromYear: number, fromMonth: number, toYear: number, toMonth: number): string {
  const months = Math.max(1, (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1);
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return [years ? `${years} yr${years > 1 ? "s" : ""}` : "", rest ? `${rest} mo${rest > 1 ? "s" : ""}` : ""].filter(Boolean).join(" ");
}

function position(company: Company, title: string, start: { year: number; month: number }, end: { year: number; month: number } | null) {
  const now = new Date(SANDBOX_NOW);
  const until = end ?? { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 };
  return {
    position: title,
    location: company.place.text,
    employmentType: "Full-time",
    workplaceType: "Hybrid",
    companyName: company.name,
    companyLinkedinUrl: companyUrl(company),
    companyId: company.id,
    companyUniversalName: company.universalName,
    duration: duration(start.year, start.month, until.year, until.month),
    description: `${title} at ${company.name}.`,
    skills: [],
    startDate: dateObject(start.year, start.month),
    endDate: end ? dateObject(end.year, end.month) : { month: null, year: null, text: "Present" },
    companyLogo: { url: pictureUrl("company-logo", company.id), sizes: [] },
  };
}

/** Current job, the previous one, then older jobs back to the career start (2 to 7 in all). */
function experience(store: Store, person: Person) {
  const prng = new Prng(person.memberNumber);
  const jobs = [position(store.company(person.company), person.title, person.startedOn, null)];
  let end = { year: person.startedOn.year, month: person.startedOn.month };
  const count = 1 + (person.memberNumber % 6);
  for (let index = 0; index < count; index += 1) {
    const company = index === 0 ? store.company(person.pastCompany) : store.company(prng.int(0, store.tables.companies.length - 1));
    const title = index === 0 ? person.pastTitle : prng.pick(TITLES).title;
    const start = { year: Math.min(end.year, Math.max(person.careerStartYear, end.year - prng.int(1, 4))), month: prng.int(1, 12) };
    jobs.push(position(company, title, start, end));
    end = start;
  }
  return jobs;
}

function education(store: Store, person: Person) {
  const schools = store.tables.schools;
  const attended = person.memberNumber % 2 === 0 ? [person.school, (person.school + 3) % schools.length] : [person.school];
  return attended.map((index, order) => {
    const school = schools[index]!;
    const endYear = person.careerStartYear - order * 2;
    return {
      schoolName: school.name,
      schoolLinkedinUrl: schoolUrl(school),
      schoolId: school.id,
      degree: DEGREES[(person.memberNumber + order) % DEGREES.length]!,
      fieldOfStudy: FIELDS_OF_STUDY[(person.memberNumber >> 3) % FIELDS_OF_STUDY.length]!,
      skills: [],
      startDate: dateObject(endYear - 3, null),
      endDate: dateObject(endYear, null),
      period: `${endYear - 3} - ${endYear}`,
      schoolLogo: { url: pictureUrl("school-logo", school.id), sizes: [] },
    };
  });
}

/** What findEmail found: an SMTP-verified address, or nothing. */
const emailDetails = (person: Person) =>
  person.email
    ? [{ email: person.email, deliverable: true, catchAllDomain: false, validEmailServer: true, free: false, status: "valid", qualityScore: 95 }]
    : [];

/** Colleagues LinkedIn suggests beside the profile ("People also viewed"). */
function moreProfiles(store: Store, person: Person) {
  return store.tables.people
    .filter((other) => other.company === person.company && other.index !== person.index)
    .slice(0, 3)
    .map((other) => ({
      id: other.id,
      firstName: other.firstName,
      lastName: other.lastName,
      position: headline(other, store.company(other.company)),
      publicIdentifier: other.publicIdentifier,
      linkedinUrl: profileUrl(other),
    }));
}

export function profile(store: Store, person: Person, options: { main: boolean; findEmail: boolean }) {
  const company = store.company(person.company);
  const jobs = experience(store, person);
  const schools = education(store, person);
  const skills = person.skills.map((name) => ({ name, positions: [jobs[0]!.position], endorsements: `${(person.memberNumber % 40) + 1} endorsements` }));
  const limit = <T>(items: T[], max: number) => (options.main ? items.slice(0, max) : items);
  return {
    id: person.id,
    publicIdentifier: person.publicIdentifier,
    linkedinUrl: profileUrl(person),
    firstName: person.firstName,
    lastName: person.lastName,
    headline: headline(person, company),
    about: `${person.title} at ${company.name}. I work on ${person.skills.slice(0, 3).join(", ")}.`,
    openToWork: person.openToWork,
    hiring: person.hiring,
    premium: person.premium,
    influencer: person.influencer,
    memorialized: false,
    creator: person.influencer,
    verified: person.premium,
    location: locationOf(person.place),
    objectUrn: `urn:li:member:${person.memberNumber}`,
    registeredAt: isoDate(person.registeredAt),
    emails: options.findEmail ? emailDetails(person) : [],
    websites: [],
    companyWebsites: [],
    topSkills: person.skills.slice(0, 3),
    connectionsCount: person.connectionsCount,
    followerCount: person.followerCount,
    photo: picture(person),
    profilePicture: { url: picture(person), sizes: [{ url: picture(person), width: 800, height: 800 }] },
    coverPicture: { url: null, sizes: [] },
    primaryLocale: { country: "US", language: "en" },
    profileLocales: [{ country: "US", language: "en" }],
    currentPosition: jobs.slice(0, 1),
    profileTopEducation: schools.slice(0, 1),
    experience: limit(jobs, MAIN_LIMITS.experience),
    education: limit(schools, MAIN_LIMITS.education),
    skills: limit(skills, MAIN_LIMITS.skills),
    languages: person.languages.map((name, order) => ({ name, proficiency: order === 0 ? "Native or bilingual proficiency" : "Professional working proficiency" })),
    certifications: [],
    projects: [],
    volunteering: [],
    receivedRecommendations: [],
    publications: [],
    courses: [],
    patents: [],
    honorsAndAwards: [],
    organizations: [],
    causes: [],
    ...(person.services ? { services: { description: `${fullName(person)} offers ${person.services.join(", ")}.`, media: [], servicesList: person.services, rating: "5.0", requestUrl: `${profileUrl(person)}/services` } } : {}),
    moreProfiles: moreProfiles(store, person),
    interests: [],
  };
}

export const profileShort = (store: Store, person: Person) => ({
  id: person.id,
  publicIdentifier: person.publicIdentifier,
  name: fullName(person),
  position: headline(person, store.company(person.company)),
  location: { linkedinText: person.place.text },
  linkedinUrl: profileUrl(person),
  photo: picture(person),
  hidden: false,
});

function tenure(person: Person) {
  const now = new Date(SANDBOX_NOW);
  const months = (now.getUTCFullYear() - person.startedOn.year) * 12 + (now.getUTCMonth() + 1 - person.startedOn.month);
  return { numYears: String(Math.floor(months / 12)), numMonths: String(months % 12) };
}

/** Sales Navigator's lead card; its URL uses the member id, which /linkedin/profile accepts. */
export function leadShort(store: Store, person: Person) {
  const company = store.company(person.company);
  return {
    id: person.id,
    linkedinUrl: `https://www.linkedin.com/in/${person.id}`,
    firstName: person.firstName,
    lastName: person.lastName,
    openProfile: person.openProfile,
    premium: person.premium,
    location: { linkedinText: person.place.text },
    pictureUrl: picture(person),
    currentPositions: [
      {
        companyName: company.name,
        title: person.title,
        description: "",
        startedOn: { month: person.startedOn.month, year: person.startedOn.year },
        companyId: company.id,
        companyLinkedinUrl: companyUrl(company),
        tenureAtPosition: tenure(person),
        tenureAtCompany: tenure(person),
      },
    ],
  };
}

/** Who commented or reacted. */
export const actor = (store: Store, person: Person) => ({
  id: person.id,
  name: fullName(person),
  linkedinUrl: profileUrl(person),
  position: headline(person, store.company(person.company)),
  pictureUrl: picture(person),
  picture: { url: picture(person), width: 800, height: 800, expiresAt: SANDBOX_NOW + 90 * 86_400_000 },
});
