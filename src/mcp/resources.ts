/** Each bundled connector's generated REFERENCE.md (every entity, action, param, credential and cost) as an MCP resource. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Resource } from "fastmcp";
import { packageRoot } from "../manifest/built.js";
import type { Manifest } from "../manifest/types.js";
import type { McpUser } from "./types.js";

export function referenceUri(connector: string): string {
  return `connectors://${connector}/REFERENCE.md`;
}

/** Undefined for a connector without a generated reference (one loaded from outside the package). */
export function referenceResource(manifest: Manifest): Resource<McpUser> | undefined {
  const file = join(packageRoot, "connectors", manifest.name, "REFERENCE.md");
  if (!existsSync(file)) return undefined;
  return {
    uri: referenceUri(manifest.name),
    name: `${manifest.name} reference`,
    description: `${manifest.title}: every entity, action, param, credential and cost of the ${manifest.name} connector.`,
    mimeType: "text/markdown",
    load: async () => ({ text: await readFile(file, "utf8") }),
  };
}
