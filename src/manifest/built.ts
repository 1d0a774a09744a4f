/** The build's parsed, validated manifests (dist/manifests/<name>.json): read without the YAML parser or ajv. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Manifest } from "./types.js";

const here = dirname(fileURLToPath(import.meta.url));
/** The package root: two levels up from src/manifest or dist/manifest. */
export const packageRoot = resolve(here, "..", "..");
export const builtManifestsDir = join(packageRoot, "dist", "manifests");
/** Only the built code trusts the built JSON: from source, the YAML is the truth. */
const runningBuilt = here.startsWith(join(packageRoot, "dist"));

let version: string | undefined;

/** This package's version, from its package.json. */
export function packageVersion(): string {
  return (version ??= (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version);
}

export function readBuiltManifest(name: string): Manifest | undefined {
  if (!runningBuilt || !/^[a-z][a-z0-9_]*$/.test(name)) return undefined;
  const file = join(builtManifestsDir, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Manifest) : undefined;
}
