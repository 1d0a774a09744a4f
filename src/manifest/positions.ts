/** Maps a path in the parsed data back to a line and column in the YAML source. */
import { isMap, isPair, isScalar, type Document, type LineCounter, type Node } from "yaml";

export interface SourcePosition {
  line: number;
  column: number;
}

export class SourceLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Where the value at `path` starts; with `key`, where that key of the map at `path` is written. */
  locate(path: (string | number)[], key?: string): SourcePosition {
    const node = this.deepestNode(path);
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return this.position(keyNode.range[0]);
    }
    return this.position(node?.range?.[0] ?? 0);
  }

  /** The node at `path`, or its closest existing ancestor. */
  private deepestNode(path: (string | number)[]): Node | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth), true);
      if (node && typeof node === "object" && "range" in (node as object)) return node as Node;
    }
    return undefined;
  }

  private position(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

/** "a.b.c" in messages; "" for the root. */
export function dottedPath(path: (string | number)[]): string {
  return path.map(String).join(".");
}

/** Splits an ajv instancePath ("/entities/x/actions") into its segments. */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
