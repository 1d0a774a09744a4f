/** Cross-reference checks for record schemas: every action returning records names one that exists, and each compiles. */
import { createAjv } from "./ajv.js";
import { mapRefs, recordJsonSchema, returnsRecords } from "./records.js";
import { resolveParams } from "./resolve.js";
import type { Manifest, RecordSchema } from "./types.js";

const recordAjv = createAjv();

/** A problem found, at a path in the manifest (the same shape as checks.ts's findings). */
interface RecordFinding {
  path: (string | number)[];
  message: string;
}

export function checkRecordSchemas(manifest: Manifest): RecordFinding[] {
  const findings: RecordFinding[] = [];
  const declared = manifest.schemas ?? {};
  const known = Object.keys(declared).join(", ") || "(none)";
  for (const [name, schema] of Object.entries(declared)) {
    const at = ["schemas", name];
    for (const problem of refProblems(schema, declared)) findings.push({ path: at, message: problem });
    try {
      recordAjv.compile(recordJsonSchema({ ...manifest, schemas: declared }, name));
    } catch (error) {
      findings.push({ path: at, message: `not a valid JSON Schema: ${(error as Error).message}` });
    }
  }
  for (const [entityName, entity] of Object.entries(manifest.entities))
    for (const [actionName, action] of Object.entries(entity.actions)) {
      const at = ["entities", entityName, "actions", actionName];
      if (action.returns !== undefined && !declared[action.returns])
        findings.push({ path: [...at, "returns"], message: `unknown record schema "${action.returns}"; declared: ${known}` });
      if (action.returns === undefined && returnsRecords(action))
        findings.push({ path: at, message: "an action that returns records needs `returns`: the name of their schema under `schemas`" });
      for (const [param, spec] of Object.entries(resolveParams(manifest, action)))
        if (spec.send_when !== undefined && spec.required === true) findings.push({ path: [...at, "params", param], message: "a required param cannot have send_when (it would not always be sent)" });
    }
  return findings;
}

/** `$ref`s to undeclared schemas, and `$ref` nodes with other keywords (which would be ignored). */
function refProblems(schema: RecordSchema, declared: Record<string, RecordSchema>): string[] {
  const problems: string[] = [];
  mapRefs(schema, (name, node) => {
    if (!declared[name]) problems.push(`$ref names "${name}", which is not declared under schemas`);
    const extra = Object.keys(node).filter((key) => key !== "$ref" && key !== "description");
    if (extra.length) problems.push(`a $ref node takes only a description (found ${extra.join(", ")}); for a nullable reference write anyOf: [{ $ref: ${name} }, { type: "null" }]`);
    return {};
  });
  return problems;
}
