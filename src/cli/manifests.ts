/**
 * Manifests for the CLI without the YAML parser or ajv: running from dist, the build's parsed, validated JSON
 * (dist/manifests/<name>.json); from source, or for a connector the build has not seen, the registry.
 */
import { existsSync, readFileSync } from "node:fs";
import type { Manifest } from "../manifest/types.js";

const builtManifests = new URL("../manifests/", import.meta.url);

export async function loadManifest(name: string): Promise<Manifest> {
  const built = new URL(`${name}.json`, builtManifests);
  if (/^[a-z][a-z0-9_]*$/.test(name) && existsSync(built)) return JSON.parse(readFileSync(built, "utf8")) as Manifest;
  // The registry loads the YAML loader with it: only worth it when there is no built JSON.
  const { findManifest } = await import("../manifest/registry.js");
  return findManifest(name);
}
