/** What each tool tells clients about its effects (MCP tool annotations): the truth for the actions it offers, so clients ask before a write. */
import type { Tool } from "fastmcp";
import type { Manifest } from "../manifest/types.js";
import type { McpUser } from "./types.js";

type Annotations = NonNullable<Tool<McpUser>["annotations"]>;

/** An execute tool: read-only when every action it offers only reads; destructive when any can delete or overwrite. */
export function executeAnnotations(manifest: Manifest, effects: { readOnly: boolean; destructive: boolean }, label = ""): Annotations {
  const title = `${manifest.title}${label}`;
  if (effects.readOnly) return { title, readOnlyHint: true, openWorldHint: true };
  return { title, readOnlyHint: false, destructiveHint: effects.destructive, idempotentHint: false, openWorldHint: true };
}

/** The describe tool only reads the manifest: it sends nothing anywhere. */
export function describeAnnotations(manifest: Manifest): Annotations {
  return { title: `${manifest.title} action details`, readOnlyHint: true, openWorldHint: false };
}
