// Node module hooks for the test processes: a worker thread started from the sources (the code workers of
// src/runtime/code/workers.ts) is loaded by Node itself, not by vitest, so `./worker.js` is found as `worker.ts`
// beside it and TypeScript is transpiled on the way. TypeScript is loaded only when a .ts file comes this way.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let typescript;

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!specifier.endsWith(".js")) throw error;
    // A worker's entry comes with no parent: its specifier is a whole URL.
    const url = new URL(specifier.replace(/\.js$/, ".ts"), context.parentURL ?? specifier);
    if (url.protocol !== "file:" || !existsSync(fileURLToPath(url))) throw error;
    return { url: url.href, format: "module", shortCircuit: true };
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) return nextLoad(url, context);
  typescript ??= (await import("typescript")).default;
  const fileName = fileURLToPath(url);
  const { outputText } = typescript.transpileModule(readFileSync(fileName, "utf8"), {
    fileName,
    compilerOptions: { module: typescript.ModuleKind.ESNext, target: typescript.ScriptTarget.ES2022, sourceMap: false },
  });
  return { format: "module", source: outputText, shortCircuit: true };
}
