/** Job postings as the API shows them: Job and JobShort. */
import type { Job, Store } from "../store.js";
import { DAY_MS, isoDate } from "../time.js";
import { companyUrl, jobUrl, pictureUrl } from "../urls.js";
import { locationOf } from "./people.js";

const EMPLOYMENT_LABELS: Record<Job["employmentType"], string> = {
  "full-time": "Full-time",
  "part-time": "Part-time",
  contract: "Contract",
  temporary: "Temporary",
  internship: "Internship",
};
const WORKPLACE_LABELS: Record<Job["workplaceType"], string> = { office: "On-site", hybrid: "Hybrid", remote: "Remote" };

const salaryOf = (job: Job) =>
  job.salary
    ? { min: String(job.salary.min), max: String(job.salary.max), currency: job.salary.currency, text: `${job.salary.currency} ${job.salary.min.toLocaleString("en-US")} - ${job.salary.max.toLocaleString("en-US")}/yr` }
    : null;

export function job(store: Store, record: Job) {
  const company = store.company(record.company);
  const description = `${company.name} is hiring a ${record.title} (${WORKPLACE_LABELS[record.workplaceType]}, ${EMPLOYMENT_LABELS[record.employmentType]}). ${company.tagline}.`;
  return {
    id: record.id,
    title: record.title,
    linkedinUrl: jobUrl(record),
    jobState: "LISTED",
    postedDate: isoDate(record.postedAt),
    descriptionText: description,
    descriptionHtml: `<p>${description}</p>`,
    location: { ...locationOf(record.place), postalAddress: null },
    employmentType: EMPLOYMENT_LABELS[record.employmentType],
    workplaceType: WORKPLACE_LABELS[record.workplaceType],
    workRemoteAllowed: record.workplaceType === "remote",
    easyApplyUrl: record.easyApply ? `${jobUrl(record)}apply/` : null,
    applicants: record.applicants,
    companyName: company.name,
    companyLogo: pictureUrl("company-logo", company.id),
    companyLink: companyUrl(company),
    companyUniversalName: company.universalName,
    salary: salaryOf(record),
    views: record.views,
    expireAt: isoDate(record.postedAt + 30 * DAY_MS),
    new: record.applicants < 10,
    jobApplicationLimitReached: false,
    applicantTrackingSystem: record.easyApply ? "LinkedIn" : "Greenhouse",
  };
}

export function jobShort(store: Store, record: Job) {
  const company = store.company(record.company);
  return {
    id: record.id,
    url: jobUrl(record),
    title: record.title,
    postedDate: isoDate(record.postedAt),
    company: { name: company.name, universalName: company.universalName, linkedinUrl: companyUrl(company) },
    location: { linkedinText: record.place.text },
    easyApply: record.easyApply,
  };
}
