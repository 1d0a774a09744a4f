/**
 * The structure, checked from the code's own imports (type-only and dynamic ones count): no cycle anywhere in src/,
 * the runtime imports no face, the manifest room only itself and the errors, and a face reaches another face only
 * through its index.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const src = join(root, "src");
const FACES = ["agent", "cli", "mcp", "server"];
const IMPORT = /(?:^|[^\w.])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Each file of src/ (relative, e.g. "runtime/walk.ts") with the files of src/ it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, "");
    const targets = [...text.matchAll(IMPORT)]
      .map((m) => m[1] ?? m[2]!)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => relative(src, resolve(dirname(file), spec)).replace(/\.js$/, ".ts"));
    graph.set(relative(src, file), [...new Set(targets)]);
  }
  return graph;
}

/** The room a file lives in: its top folder under src/, or the file itself for one at the top. */
const room = (file: string) => (file.includes("/") ? file.split("/")[0]! : file);

/** Every import cycle, as the files on it (strongly connected components of more than one file, or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)!.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** Imports breaking the rules of the house, as "from -> to". */
function forbiddenArrows(graph: Map<string, string[]>): string[] {
  const broken: string[] = [];
  for (const [from, targets] of graph)
    for (const to of targets) {
      const [a, b] = [room(from), room(to)];
      const arrow = `${from} -> ${to}`;
      if (a === "runtime" && [...FACES, "codegen", "library.ts", "index.ts"].includes(b)) broken.push(arrow);
      if (a === "manifest" && !["manifest", "errors.ts"].includes(b)) broken.push(arrow);
      if (FACES.includes(a) && FACES.includes(b) && a !== b && to !== `${b}/index.ts`) broken.push(arrow);
    }
  return broken;
}

describe("the import graph of src/", () => {
  const graph = importGraph();

  it("is read from every file", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("runtime/connector.ts")).toContain("runtime/walk.ts");
    // Type-only and dynamic imports count.
    expect(graph.get("library.ts")).toContain("generated/index.ts");
    expect(graph.get("cli/main.ts")).toContain("cli/commands/execute.ts");
  });

  it("has no cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("keeps the runtime free of faces, the manifest room to itself, and faces to each other's index", () => {
    expect(forbiddenArrows(graph)).toEqual([]);
  });

  it("catches what it is there to catch", () => {
    const bad = new Map(graph);
    bad.set("runtime/connector.ts", [...graph.get("runtime/connector.ts")!, "agent/index.ts"]);
    bad.set("cli/commands/serve.ts", ["server/store/open.ts"]);
    bad.set("manifest/loader.ts", ["runtime/path.ts"]);
    expect(forbiddenArrows(bad).sort()).toEqual(["cli/commands/serve.ts -> server/store/open.ts", "manifest/loader.ts -> runtime/path.ts", "runtime/connector.ts -> agent/index.ts"]);
    expect(cycles(new Map([["a.ts", ["b.ts"]], ["b.ts", ["a.ts"]]]))).toEqual([["a.ts", "b.ts"]]);
  });
});

describe("connector facts", () => {
  // The schema's migration history records old column names; it holds no connector knowledge.
  const skipped = new Set(["server/store/migrations.ts"]);
  it("are not written in the runtime or the faces: no li_at, links.next, product or account_id literal", () => {
    const offenders = sourceFiles(src)
      .map((file) => relative(src, file))
      .filter((file) => ["runtime", ...FACES].includes(room(file)) && !skipped.has(file))
      .flatMap((file) =>
        readFileSync(join(src, file), "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
          .filter(({ line }) => /["'`][^"'`]*\b(li_at|links\.next|product|account_id)\b[^"'`]*["'`]/.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
