/** Seeded LinkedIn groups: enough for group search to span several pages. */
import type { Group } from "../store.js";
import { DAY_MS, SANDBOX_NOW } from "../time.js";
import { digits, sampleDistinct, type Prng } from "./random.js";
import { GROUP_TOPICS } from "./vocab.js";

const REGIONS = ["", " Europe", " North America"];

export function seedGroups(prng: Prng, peopleCount: number): Group[] {
  return REGIONS.flatMap((region) =>
    GROUP_TOPICS.map((topic) => ({
      id: digits(prng, prng.int(5, 8)),
      name: `${topic}${region}`,
      summary: `A community for ${topic.toLowerCase()}${region ? ` in${region}` : ""}: questions, events and jobs.`,
      memberCount: prng.int(300, 900_000),
      createdAt: SANDBOX_NOW - prng.int(400, 6000) * DAY_MS,
      admins: sampleDistinct(prng, prng.int(1, 3), peopleCount),
      publicVisibility: prng.chance(0.7),
    })),
  );
}
