/**
 * Codegen: typed params (src/generated), references (connectors/<name>/REFERENCE.md) and code mode's declaration
 * (connectors/<name>/<name>.d.ts) from every manifest.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadManifestFile } from "../manifest/loader.js";
import { bundledConnectorsDir, listConnectorNames, manifestPath } from "../manifest/registry.js";
import { generateCodeDeclaration } from "./code-declaration.js";
import { generateIndexFile } from "./index-file.js";
import { generateReference } from "./reference.js";
import { generateTypesFile } from "./types-file.js";

export interface CodegenOptions {
  /** Where the connectors are (default: the bundled connectors/). */
  connectorsDir?: string;
  /** Where the TypeScript goes (default: src/generated beside the connectors directory, as in this package). */
  typesDir?: string;
  /** Only report which files are out of date; write nothing. */
  check?: boolean;
}

export interface GeneratedFile {
  path: string;
  content: string;
}

export interface CodegenResult {
  files: GeneratedFile[];
  /** Absolute paths of the files whose content on disk differs from what codegen produces (written unless check). */
  changed: string[];
}

/** Everything codegen would write, in memory. Deterministic: same manifests, same bytes. */
export async function generateFiles(options: CodegenOptions = {}): Promise<GeneratedFile[]> {
  const connectorsDir = options.connectorsDir ?? bundledConnectorsDir;
  const typesDir = options.typesDir ?? join(connectorsDir, "..", "src", "generated");
  const names = listConnectorNames(connectorsDir);
  const files: GeneratedFile[] = [];
  for (const name of names) {
    const file = manifestPath(name, connectorsDir);
    const manifest = loadManifestFile(file);
    const source = `connectors/${name}/connector.yaml`;
    files.push({ path: join(typesDir, `${name}.ts`), content: await generateTypesFile(manifest, source) });
    files.push({ path: join(dirname(file), "REFERENCE.md"), content: generateReference(manifest, source) });
    files.push({ path: join(dirname(file), `${name}.d.ts`), content: generateCodeDeclaration(manifest, source) });
  }
  files.push({ path: join(typesDir, "index.ts"), content: generateIndexFile(names) });
  return files;
}

/** Writes the generated files that changed (or, with check, only lists them). */
export async function runCodegen(options: CodegenOptions = {}): Promise<CodegenResult> {
  const files = await generateFiles(options);
  const stale = files.filter((f) => !existsSync(f.path) || readFileSync(f.path, "utf8") !== f.content);
  if (!options.check)
    for (const file of stale) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.content);
    }
  return { files, changed: stale.map((f) => f.path) };
}
