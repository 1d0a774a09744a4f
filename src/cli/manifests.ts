/** Manifests for the CLI: the build's JSON without the YAML parser or ajv; the registry only when there is none. */
import { readBuiltManifest } from "../manifest/built.js";
import type { Manifest } from "../manifest/types.js";

export async function loadManifest(name: string): Promise<Manifest> {
  const built = readBuiltManifest(name);
  if (built) return built;
  // The registry loads the YAML loader with it: only worth it when there is no built JSON.
  const { findManifest } = await import("../manifest/registry.js");
  return findManifest(name);
}
