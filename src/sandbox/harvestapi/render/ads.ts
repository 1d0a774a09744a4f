/** Ad Library entries as the API shows them: LinkedInAd and its short form (the reference's LinkedinAdShort). */
import type { Ad, Store } from "../store.js";
import { adUrl, companyUrl, pictureUrl } from "../urls.js";

const FORMAT_LABELS: Record<Ad["format"], string> = {
  SINGLE_IMAGE: "Single image ad",
  VIDEO: "Video ad",
  CAROUSEL: "Carousel ad",
  DOCUMENT: "Document ad",
  TEXT: "Text ad",
};

/** An even split of impressions, the rounding remainder on the first country. */
function shares(countries: readonly string[]) {
  const share = Math.floor(100 / countries.length);
  return countries.map((name, index) => ({ name, percentage: `${share + (index === 0 ? 100 - share * countries.length : 0)}%` }));
}

const day = (timestamp: number) => new Date(timestamp).toISOString().slice(0, 10);

const creative = (ad: Ad) => ({
  headline: ad.headline,
  description: ad.description,
  imageUrl: ad.format === "TEXT" ? null : pictureUrl("ad-creative", ad.id),
});

export function ad(store: Store, record: Ad) {
  const company = store.company(record.company);
  return {
    id: record.id,
    variants: [
      {
        advertiser: { name: company.name, linkedinUrl: companyUrl(company), imageUrl: pictureUrl("company-logo", company.id), headline: "Promoted" },
        content: {
          ...creative(record),
          videoThumbnailUrl: record.format === "VIDEO" ? pictureUrl("ad-video-thumbnail", record.id) : null,
          videoSource: null,
          targetUrl: record.targetUrl,
          ctaLabel: record.ctaLabel,
          slides: record.format === "CAROUSEL" ? [1, 2, 3].map((slide) => ({ imageUrl: pictureUrl(`ad-slide-${slide}`, record.id), targetUrl: record.targetUrl, title: `${record.headline} (${slide}/3)` })) : [],
        },
        creativeType: record.format,
      },
    ],
    about: {
      format: FORMAT_LABELS[record.format],
      advertiserName: company.name,
      advertiserUrl: companyUrl(company),
      paidBy: company.name,
      ranFrom: day(record.ranFrom),
      ranTo: day(record.ranTo),
    },
    impressions: {
      total: record.impressions,
      byCountry: shares(record.countries),
    },
    targeting: {
      segments: [{ name: "Location", includes: record.countries, excludes: [] }],
      parameters: ["Language", "Location", "Audience", "Job", "Company"].map((name) => ({ name, targeted: name === "Location" || name === "Job", excluded: false })),
    },
  };
}

export function adShort(store: Store, record: Ad) {
  const company = store.company(record.company);
  return {
    id: record.id,
    advertiser: { name: company.name, imageUrl: pictureUrl("company-logo", company.id), headline: "Promoted" },
    content: { ...creative(record), pageUrl: adUrl(record), message: record.description, messageAuthor: company.name },
    creativeType: record.format,
  };
}
