/** What each tool tells clients about its effects (MCP tool annotations): the truth, so clients ask before a write. */
import type { Tool } from "fastmcp";
import type { Manifest } from "../manifest/types.js";
import type { McpUser } from "./types.js";

type Annotations = NonNullable<Tool<McpUser>["annotations"]>;

/** The catch-all can create, change and delete anything in its connector, on a third party's API. */
export function executeAnnotations(manifest: Manifest, readOnly: boolean): Annotations {
  const title = `${manifest.title}${readOnly ? " (read-only)" : ""}`;
  if (readOnly) return { title, readOnlyHint: true, openWorldHint: true };
  return { title, readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
}

/** The describe tool only reads the manifest: it sends nothing anywhere. */
export function describeAnnotations(manifest: Manifest): Annotations {
  return { title: `${manifest.title} action details`, readOnlyHint: true, openWorldHint: false };
}
