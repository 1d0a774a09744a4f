/** Build step: checks every bundled manifest and writes its parsed form as JSON, so start-up never parses YAML. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ManifestError } from "../errors.js";
import { loadManifestFile } from "./loader.js";
import { builtManifestsDir } from "./built.js";
import { listConnectorNames, manifestPath } from "./registry.js";

mkdirSync(builtManifestsDir, { recursive: true });
let failed = false;
for (const name of listConnectorNames()) {
  try {
    const manifest = loadManifestFile(manifestPath(name));
    writeFileSync(join(builtManifestsDir, `${name}.json`), JSON.stringify(manifest));
  } catch (error) {
    failed = true;
    console.error(error instanceof ManifestError ? error.message : error);
  }
}
if (failed) process.exit(1);
