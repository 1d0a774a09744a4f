/** Reads a dotted path ("pagination.totalPages") from a parsed JSON body. */
export function getPath(root: unknown, path: string | undefined): unknown {
  // "$" names the body itself (an API that answers with a bare array).
  if (!path || path === "$") return root;
  let node = root;
  for (const key of path.split(".")) {
    // Own properties only: "constructor" or "__proto__" in a path must not reach an object's prototype.
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
