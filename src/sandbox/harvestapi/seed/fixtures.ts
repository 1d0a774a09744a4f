/**
 * Fixed, documented identities the seed always creates (whatever the seed), so docs and tests can name them:
 * the LinkedIn account behind the sandbox li_at cookie, a prolific creator whose posts, comments and
 * reactions span several pages, and a company with many posts, jobs and ads.
 */

export const SELF = { firstName: "Avery", lastName: "Quinn", publicIdentifier: "avery-quinn-sandbox" } as const;

export const CREATOR = { firstName: "Dana", lastName: "Whitfield", publicIdentifier: "dana-whitfield" } as const;

export const FEATURED_COMPANY = { name: "Northwind Labs", universalName: "northwind-labs" } as const;

/** Person indexes of the fixed people, and the featured company's index. */
export const SELF_INDEX = 0;
export const CREATOR_INDEX = 1;
export const FEATURED_COMPANY_INDEX = 0;

export const HARVESTAPI_SANDBOX_FIXTURES = {
  /** Owner of the sandbox li_at cookie: myProfile of the connection endpoints. */
  self: { ...SELF, linkedinUrl: `https://www.linkedin.com/in/${SELF.publicIdentifier}/` },
  /** 45 posts, 55 comments, 65 reactions; the newest post has 65 comments (the first with 25 replies) and 180 reactions. */
  creator: { ...CREATOR, linkedinUrl: `https://www.linkedin.com/in/${CREATOR.publicIdentifier}/` },
  /** 45 posts, 12 jobs, 15 ads. */
  company: { ...FEATURED_COMPANY, linkedinUrl: `https://www.linkedin.com/company/${FEATURED_COMPANY.universalName}/` },
} as const;
