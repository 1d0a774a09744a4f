/** Seed helpers on top of the shared PRNG: LinkedIn-looking ids, weighted and distinct picks, URL slugs. */
import { Prng } from "../../harvest/prng.js";

export { Prng };

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64URL = `${ALNUM}-_`;

export function chars(prng: Prng, length: number, alphabet = ALNUM): string {
  let text = "";
  while (text.length < length) text += alphabet[prng.int(0, alphabet.length - 1)];
  return text;
}

/** A number of `length` digits without a leading zero. */
export const digits = (prng: Prng, length: number): string => String(prng.int(1, 9)) + chars(prng, length - 1, "0123456789");

/** A LinkedIn member id, "ACoAA" and 34 more characters. */
export const memberId = (prng: Prng): string => `ACoAA${chars(prng, 34, BASE64URL)}`;

/** A 19-digit LinkedIn activity/comment id; later calls give larger ids, as LinkedIn's grow over time. */
export class ActivityIds {
  private next = 7_300_000_000_000_000;

  constructor(private readonly prng: Prng) {}

  take(): string {
    this.next += this.prng.int(1_000_000, 90_000_000);
    return `${this.next}${this.prng.int(100, 999)}`;
  }
}

export function weightedPick<T extends { weight: number }>(prng: Prng, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = prng.next() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]!;
}

/** `count` distinct integers from [0, size) other than `exclude`, in draw order. */
export function sampleDistinct(prng: Prng, count: number, size: number, exclude: ReadonlySet<number> = new Set()): number[] {
  const picked = new Set<number>();
  const wanted = Math.min(count, size - exclude.size);
  while (picked.size < wanted) {
    const value = prng.int(0, size - 1);
    if (!exclude.has(value)) picked.add(value);
  }
  return [...picked];
}

/** "Fernández O'Brien" -> "fernandez-obrien" */
export const slug = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f']/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
