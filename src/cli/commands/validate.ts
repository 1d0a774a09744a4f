/** `connectors validate <file>`: a manifest's problems as file:line:column: message (at yaml.path), one per line on stderr. */
import { statSync } from "node:fs";
import { join } from "node:path";
import { formatIssue, ManifestError } from "../../errors.js";
import { loadManifestFile } from "../../manifest/loader.js";
import { exitCodeFor } from "../exit.js";

export function validate(path: string): void {
  // A connector's folder stands for its connector.yaml.
  const file = statSync(path, { throwIfNoEntry: false })?.isDirectory() ? join(path, "connector.yaml") : path;
  try {
    const manifest = loadManifestFile(file);
    const actions = Object.values(manifest.entities).reduce((n, e) => n + Object.keys(e.actions).length, 0);
    process.stdout.write(`ok: ${manifest.name} (${actions} actions)\n`);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    for (const issue of error.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    process.stderr.write(`${file}: ${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}\n`);
    process.exitCode = exitCodeFor(error);
  }
}
