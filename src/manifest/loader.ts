/** Reads a manifest from YAML, validates it against the meta-schema and the cross-reference checks, with line numbers. */
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import type { ErrorObject } from "ajv";
import { ManifestError, type ManifestIssue } from "../errors.js";
import { createAjv } from "./ajv.js";
import { checkManifest, type Finding } from "./checks.js";
import { metaSchema } from "./meta-schema.js";
import { dottedPath, pointerSegments, SourceLocator } from "./positions.js";
import type { Manifest } from "./types.js";

let validateMeta: ReturnType<ReturnType<typeof createAjv>["compile"]> | undefined;

function metaValidator() {
  validateMeta ??= createAjv().compile(metaSchema);
  return validateMeta;
}

export function loadManifestFile(file: string): Manifest {
  return parseManifest(readFileSync(file, "utf8"), file);
}

/** Parses and validates manifest text; throws ManifestError listing every problem found. */
export function parseManifest(text: string, file = "<manifest>"): Manifest {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ManifestError(
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file, line, column: col, path: "", message: `YAML: ${e.message.split("\n")[0]}` };
      }),
    );
  }
  const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const locator = new SourceLocator(doc, lines);
  const toIssue = (f: Finding): ManifestIssue => ({
    file,
    ...locator.locate(f.path, f.key),
    path: dottedPath(f.key === undefined ? f.path : [...f.path, f.key]),
    message: f.message,
  });

  const validate = metaValidator();
  if (!validate(data)) throw new ManifestError(schemaFindings(validate.errors ?? []).map(toIssue));
  const findings = checkManifest(data as Manifest);
  if (findings.length > 0) throw new ManifestError(findings.map(toIssue));
  return data as Manifest;
}

const DISCRIMINATED_TYPES = "link, page_number, cursor, offset, none";

/** Turns ajv errors into findings, dropping the noise anyOf/propertyNames add around the real cause. */
function schemaFindings(errors: ErrorObject[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === "anyOf" || error.keyword === "if") continue;
    const finding = schemaFinding(error);
    const id = `${dottedPath(finding.path)}|${finding.key ?? ""}|${finding.message}`;
    if (!seen.has(id)) findings.push(finding), seen.add(id);
  }
  return findings;
}

function schemaFinding(error: ErrorObject): Finding {
  const path = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return { path, key: String(params.additionalProperty), message: `unknown key "${params.additionalProperty}"` };
    case "required":
      return { path, message: `missing required key "${params.missingProperty}"` };
    case "propertyNames":
      return { path, key: String(params.propertyName), message: `invalid name "${params.propertyName}"` };
    case "enum":
      return { path, message: `must be one of: ${(params.allowedValues as unknown[]).join(", ")}` };
    case "pattern":
      return { path, message: `must match ${params.pattern}` };
    case "discriminator":
      return { path, key: String(params.tag), message: `unknown ${params.tag} ${JSON.stringify(params.tagValue)}; one of: ${DISCRIMINATED_TYPES}` };
    default:
      return { path, message: error.message ?? error.keyword };
  }
}
