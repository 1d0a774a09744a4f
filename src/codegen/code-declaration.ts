/** connectors/<name>/<name>.d.ts: the API a code-mode script sees, exactly as the `<name>_run` tool describes it. */
import { createRunTool } from "../agent/index.js";
import type { Manifest } from "../manifest/types.js";
import { Connector } from "../runtime/connector.js";
import { typescriptBanner } from "./banner.js";

export function generateCodeDeclaration(manifest: Manifest, source: string): string {
  // The tool's description for an unscoped connection with the default limits; no credentials are read to build it.
  return typescriptBanner(source) + createRunTool(new Connector(manifest, { credentials: {} })).description;
}
