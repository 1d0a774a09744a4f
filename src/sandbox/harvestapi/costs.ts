/**
 * HarvestAPI's price list, per request, in micro-dollars (integers, so a balance never drifts).
 * A miss or an empty result costs the same as a hit.
 */
import { flag, type Query } from "./params.js";

export const PRICES = {
  profile: 6_400,
  profileMain: 4_000,
  /** findEmail: the whole request, profile included. */
  profileWithEmail: 20_000,
  leadSearchPage: 100_000,
  job: 1_000,
  ad: 1_600,
  group: 2_000,
  geoIdSearch: 0,
  /** Everything else that touches LinkedIn. */
  standard: 4_000,
  /** Account endpoints. */
  free: 0,
} as const;

/** What one request costs and the payment names the response lists. */
export interface Charge {
  micros: number;
  payments: string[];
}

export const fixedCharge =
  (micros: number, payment: string) =>
  (): Charge => ({ micros, payments: micros > 0 ? [payment] : [] });

/** GET /linkedin/profile: findEmail outranks main. */
export function profileCharge(query: Query): Charge {
  if (flag(query, "findEmail")) return { micros: PRICES.profileWithEmail, payments: ["profile-with-email"] };
  if (query.main?.trim() === "true") return { micros: PRICES.profileMain, payments: ["profile-main"] };
  return { micros: PRICES.profile, payments: ["profile"] };
}

export const toUsd = (micros: number): number => micros / 1_000_000;

export const toMicros = (usd: number): number => Math.round(usd * 1_000_000);
