/** The README's code blocks, for tests that run what it tells a user to run, exactly as written. */
import { readFileSync } from "node:fs";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The first fenced block in `lang` after the first line of the README that contains `marker`. */
export function readmeBlock(marker: string, lang: string): string {
  const at = README.indexOf(marker);
  if (at < 0) throw new Error(`the README has no "${marker}"`);
  const block = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, "m").exec(README.slice(at));
  if (!block) throw new Error(`the README has no ${lang} block after "${marker}"`);
  return block[1]!;
}
