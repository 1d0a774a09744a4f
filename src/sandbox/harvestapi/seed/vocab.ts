/** Word lists and LinkedIn's own filter vocabularies (seniority, function, headcount, industries) the seed draws from. */
import type { Industry, Place } from "../store.js";

export const FIRST_NAMES = [
  "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Mia", "Lucas", "Harper", "Mateo",
  "Evelyn", "Levi", "Aria", "Ethan", "Chloe", "James", "Priya", "Arjun", "Sofia", "Leon", "Hannah", "Felix",
  "Clara", "Jonas", "Lea", "Hugo", "Camille", "Louis", "Ines", "Marco", "Giulia", "Diego", "Lucia", "Kenji",
  "Yuki", "Wei", "Mei", "Omar", "Layla", "Samuel", "Grace", "Daniel", "Zoe", "Adam", "Nora", "Ravi", "Ananya",
  "Tom", "Ella", "Max", "Alice", "Ben", "Isla", "Jack", "Ruby", "Finn", "Maya", "Owen",
];

export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Martinez", "Lopez", "Wilson", "Anderson",
  "Taylor", "Thomas", "Moore", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young",
  "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Patel", "Sharma", "Gupta", "Mueller", "Schmidt",
  "Schneider", "Fischer", "Weber", "Dubois", "Laurent", "Bernard", "Moreau", "Rossi", "Bianchi", "Romano",
  "Fernandez", "Sanchez", "Tanaka", "Sato", "Chen", "Wang", "Kim", "Park", "Nguyen", "O'Brien", "Murphy", "Kelly",
  "Novak", "Jansen", "de Vries",
];

/** A job title with LinkedIn's Sales Navigator seniority level id and job function id. */
export interface TitleSpec {
  title: string;
  seniorityId: string;
  functionId: string;
  /** Relative frequency in the population. */
  weight: number;
}

export const TITLES: TitleSpec[] = [
  { title: "CEO", seniorityId: "310", functionId: "9", weight: 2 },
  { title: "CTO", seniorityId: "310", functionId: "8", weight: 2 },
  { title: "CFO", seniorityId: "310", functionId: "10", weight: 1 },
  { title: "Co-Founder", seniorityId: "320", functionId: "9", weight: 2 },
  { title: "VP of Engineering", seniorityId: "300", functionId: "8", weight: 2 },
  { title: "VP of Sales", seniorityId: "300", functionId: "25", weight: 2 },
  { title: "VP of Marketing", seniorityId: "300", functionId: "15", weight: 1 },
  { title: "Director of Product", seniorityId: "220", functionId: "19", weight: 2 },
  { title: "Head of Talent Acquisition", seniorityId: "220", functionId: "12", weight: 2 },
  { title: "Engineering Manager", seniorityId: "210", functionId: "8", weight: 4 },
  { title: "Sales Manager", seniorityId: "200", functionId: "25", weight: 3 },
  { title: "Marketing Manager", seniorityId: "200", functionId: "15", weight: 4 },
  { title: "Product Manager", seniorityId: "120", functionId: "19", weight: 6 },
  { title: "Senior Software Engineer", seniorityId: "120", functionId: "8", weight: 10 },
  { title: "Software Engineer", seniorityId: "110", functionId: "8", weight: 12 },
  { title: "Data Scientist", seniorityId: "120", functionId: "24", weight: 5 },
  { title: "Data Engineer", seniorityId: "120", functionId: "13", weight: 4 },
  { title: "DevOps Engineer", seniorityId: "120", functionId: "13", weight: 3 },
  { title: "Product Designer", seniorityId: "120", functionId: "3", weight: 4 },
  { title: "Account Executive", seniorityId: "110", functionId: "25", weight: 7 },
  { title: "Sales Development Representative", seniorityId: "110", functionId: "25", weight: 5 },
  { title: "Customer Success Manager", seniorityId: "120", functionId: "26", weight: 4 },
  { title: "Technical Recruiter", seniorityId: "120", functionId: "12", weight: 4 },
  { title: "HR Business Partner", seniorityId: "120", functionId: "12", weight: 2 },
  { title: "Financial Analyst", seniorityId: "110", functionId: "10", weight: 3 },
  { title: "Operations Manager", seniorityId: "200", functionId: "18", weight: 3 },
  { title: "Project Manager", seniorityId: "120", functionId: "20", weight: 3 },
  { title: "Legal Counsel", seniorityId: "120", functionId: "14", weight: 1 },
  { title: "Growth Marketing Intern", seniorityId: "100", functionId: "15", weight: 2 },
  { title: "Business Development Manager", seniorityId: "200", functionId: "4", weight: 3 },
];

interface CountrySpec {
  country: string;
  code: string;
  geoId: string;
}

const COUNTRIES: Record<string, CountrySpec> = {
  US: { country: "United States", code: "US", geoId: "103644278" },
  GB: { country: "United Kingdom", code: "GB", geoId: "101165590" },
  DE: { country: "Germany", code: "DE", geoId: "101282230" },
  FR: { country: "France", code: "FR", geoId: "105015875" },
  CA: { country: "Canada", code: "CA", geoId: "101174742" },
  NL: { country: "Netherlands", code: "NL", geoId: "102890719" },
  IN: { country: "India", code: "IN", geoId: "102713980" },
  ES: { country: "Spain", code: "ES", geoId: "105646813" },
  AU: { country: "Australia", code: "AU", geoId: "101452733" },
  IE: { country: "Ireland", code: "IE", geoId: "104738515" },
};

interface CitySpec {
  city: string;
  state: string;
  stateGeoId: string;
  country: keyof typeof COUNTRIES;
  geoId: string;
  /** LinkedIn shows some cities as their metro area. */
  metro?: { title: string; geoId: string };
}

const CITIES: CitySpec[] = [
  { city: "San Francisco", state: "California", stateGeoId: "102095887", country: "US", geoId: "102277331", metro: { title: "San Francisco Bay Area", geoId: "90000084" } },
  { city: "New York", state: "New York", stateGeoId: "105080838", country: "US", geoId: "102571732", metro: { title: "New York City Metropolitan Area", geoId: "90000070" } },
  { city: "Austin", state: "Texas", stateGeoId: "102748797", country: "US", geoId: "104472865" },
  { city: "Seattle", state: "Washington", stateGeoId: "103977389", country: "US", geoId: "104116203", metro: { title: "Greater Seattle Area", geoId: "90000091" } },
  { city: "Boston", state: "Massachusetts", stateGeoId: "101098412", country: "US", geoId: "102380872", metro: { title: "Greater Boston", geoId: "90000007" } },
  { city: "Chicago", state: "Illinois", stateGeoId: "101949407", country: "US", geoId: "103112676" },
  { city: "London", state: "England", stateGeoId: "102299470", country: "GB", geoId: "102257491", metro: { title: "Greater London", geoId: "90009496" } },
  { city: "Manchester", state: "England", stateGeoId: "102299470", country: "GB", geoId: "102943586" },
  { city: "Berlin", state: "Berlin", stateGeoId: "103035651", country: "DE", geoId: "106967730" },
  { city: "Munich", state: "Bavaria", stateGeoId: "101818299", country: "DE", geoId: "100477049" },
  { city: "Paris", state: "Île-de-France", stateGeoId: "104246759", country: "FR", geoId: "101240143" },
  { city: "Toronto", state: "Ontario", stateGeoId: "105149290", country: "CA", geoId: "100025096" },
  { city: "Amsterdam", state: "North Holland", stateGeoId: "104597301", country: "NL", geoId: "102011674" },
  { city: "Bengaluru", state: "Karnataka", stateGeoId: "100811329", country: "IN", geoId: "105214831" },
  { city: "Madrid", state: "Community of Madrid", stateGeoId: "100994331", country: "ES", geoId: "103374081" },
  { city: "Sydney", state: "New South Wales", stateGeoId: "104769905", country: "AU", geoId: "104769905" },
  { city: "Dublin", state: "County Dublin", stateGeoId: "105178154", country: "IE", geoId: "105178154" },
];

function place(city: CitySpec): Place {
  const country = COUNTRIES[city.country]!;
  const geoIds = [city.geoId, city.stateGeoId, country.geoId, ...(city.metro ? [city.metro.geoId] : [])];
  return {
    text: city.metro?.title ?? `${city.city}, ${city.state}, ${country.country}`,
    city: city.city,
    state: city.state,
    country: country.country,
    countryCode: country.code,
    geoIds: [...new Set(geoIds)],
  };
}

export const PLACES: Place[] = CITIES.map(place);

/** What /linkedin/geo-id-search finds: countries, regions, cities and metro areas. */
export const GEO_LOCATIONS: Array<{ geoId: string; title: string }> = [
  ...Object.values(COUNTRIES).map((country) => ({ geoId: country.geoId, title: country.country })),
  ...CITIES.flatMap((city) => {
    const country = COUNTRIES[city.country]!.country;
    const entries = [
      { geoId: city.geoId, title: `${city.city}, ${city.state}, ${country}` },
      { geoId: city.stateGeoId, title: `${city.state}, ${country}` },
    ];
    return city.metro ? [...entries, { geoId: city.metro.geoId, title: city.metro.title }] : entries;
  }),
].filter((entry, index, all) => all.findIndex((other) => other.geoId === entry.geoId) === index);

/** A few of LinkedIn's industry codes (v2). */
export const INDUSTRIES: Industry[] = [
  { id: "4", name: "Software Development" },
  { id: "96", name: "IT Services and IT Consulting" },
  { id: "6", name: "Technology, Information and Internet" },
  { id: "43", name: "Financial Services" },
  { id: "14", name: "Hospitals and Health Care" },
  { id: "27", name: "Retail" },
  { id: "80", name: "Advertising Services" },
  { id: "104", name: "Staffing and Recruiting" },
  { id: "11", name: "Business Consulting and Services" },
  { id: "12", name: "Education" },
];

/** LinkedIn company size band, its Sales Navigator headcount code and a typical employee count range. */
export const COMPANY_SIZES: Array<{ size: string; headcount: string; min: number; max: number }> = [
  { size: "1-10", headcount: "B", min: 2, max: 10 },
  { size: "11-50", headcount: "C", min: 11, max: 50 },
  { size: "51-200", headcount: "D", min: 51, max: 200 },
  { size: "201-500", headcount: "E", min: 201, max: 500 },
  { size: "501-1000", headcount: "F", min: 501, max: 1000 },
  { size: "1001-5000", headcount: "G", min: 1001, max: 5000 },
  { size: "5001-10000", headcount: "H", min: 5001, max: 10000 },
  { size: "10001+", headcount: "I", min: 10001, max: 80000 },
];

export const COMPANY_WORDS = [
  "Northwind", "Bluepeak", "Lumen", "Quantive", "Brightline", "Cobalt", "Evergreen", "Helix", "Ironbridge", "Juniper",
  "Keystone", "Lattice", "Meridian", "Nimbus", "Orbital", "Pinnacle", "Quarry", "Redwood", "Silverline", "Tidal",
  "Umbra", "Vertex", "Wavelength", "Zenith", "Atlas", "Beacon", "Cascade", "Driftwood", "Ember", "Foundry",
  "Granite", "Harbor", "Indigo", "Kinetic", "Larkspur", "Mosaic", "Nova", "Outpost", "Prism", "Sable",
];

export const COMPANY_SUFFIXES = ["Labs", "Analytics", "Systems", "Health", "Capital", "Commerce", "Media", "Talent", "Cloud", "Robotics"];

export const SCHOOLS = [
  "Stanford University", "Massachusetts Institute of Technology", "University of Cambridge", "University of Oxford",
  "Technical University of Munich", "ETH Zurich", "University of Toronto", "Indian Institute of Technology Bombay",
  "Sorbonne University", "University of Amsterdam", "Harvard University", "University of California, Berkeley",
  "Imperial College London", "Trinity College Dublin", "University of Sydney",
];

export const DEGREES = ["Bachelor of Science", "Master of Science", "Bachelor of Arts", "MBA", "PhD"];

export const FIELDS_OF_STUDY = ["Computer Science", "Economics", "Business Administration", "Mathematics", "Design", "Psychology", "Marketing"];

export const SKILLS = [
  "TypeScript", "Python", "Go", "Kubernetes", "AWS", "Machine Learning", "SQL", "Product Strategy", "B2B Sales",
  "SaaS", "Negotiation", "Recruiting", "Leadership", "Data Analysis", "UX Research", "Figma", "Content Marketing",
  "SEO", "Financial Modeling", "Customer Success", "Agile", "Public Speaking", "React", "Node.js",
];

/** LinkedIn profile languages, as lead search's profileLanguages filter names them. */
export const LANGUAGES = ["English", "German", "French", "Spanish", "Dutch", "Hindi", "Italian", "Japanese"];

export const SERVICES = [
  "Software Development", "Web Design", "Business Consulting", "Career Coaching", "Content Strategy",
  "Digital Marketing", "Financial Advisory", "Recruiting", "Data Analytics", "Leadership Coaching",
];

export const TOPICS = [
  "hiring", "AI agents", "remote work", "sales pipelines", "product launches", "developer experience",
  "customer success", "fundraising", "data engineering", "leadership", "B2B marketing", "open source",
];

export const POST_TEMPLATES = [
  "Three lessons from a year of {topic}: start small, measure everything, and share what you learn.",
  "We're hiring! If {topic} excites you, my DMs are open.",
  "Hot take: most teams get {topic} wrong because they optimise for speed over clarity.",
  "Just wrapped a workshop on {topic}. Slides in the comments.",
  "Proud of the team for shipping our new approach to {topic} this quarter.",
  "What is the one book on {topic} everyone should read? Looking for recommendations.",
  "A thread on {topic}, and why it matters more than ever in 2026.",
  "Celebrating 5 years at the company today. {topic} was a big part of the journey.",
];

export const COMMENT_TEXTS = [
  "Great insights, thanks for sharing!", "Couldn't agree more.", "This is spot on.", "Congrats to the whole team!",
  "Saving this for later.", "Interesting take, though I see it a bit differently.", "Would love to hear more about this.",
  "Exciting 🔥", "Well said!", "Thanks, this is really helpful.", "Looking forward to the next one.", "So true.",
];

export const GROUP_TOPICS = [
  "SaaS Founders", "Product Management Network", "Data Science Central", "Women in Tech", "Remote Work Professionals",
  "B2B Sales Leaders", "DevOps & Cloud Engineers", "HR & Talent Acquisition", "Marketing Growth Hackers",
  "Fintech Innovators", "UX Design Community", "AI & Machine Learning Practitioners", "Startup Hiring Hub",
  "Customer Success Professionals", "Open Source Contributors",
];

export const AD_HEADLINES = [
  "Close deals 2x faster", "The data platform your team will love", "Hire engineers in days, not months",
  "Cut cloud costs by 30%", "Your customers deserve better support", "Join our free webinar", "Download the 2026 report",
  "Meet the future of analytics", "Ship features with confidence", "Grow your pipeline on autopilot",
];

export const AD_CTAS = ["Learn more", "Sign up", "Download", "Register", "Request demo", "Apply"];

export const AD_COUNTRIES = ["US", "GB", "DE", "FR", "CA", "NL", "IN", "ES", "AU", "IE"];
