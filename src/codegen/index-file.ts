/** src/generated/index.ts: the ConnectorTypes map that types connect("<name>"). */
import { typescriptBanner } from "./banner.js";
import { actionMapName } from "./names.js";

export function generateIndexFile(connectors: string[]): string {
  const imports = connectors.map((name) => `import type { ${actionMapName(name)} } from "./${name}.js";`);
  const entries = connectors.map((name) => `  ${name}: ${actionMapName(name)};`);
  return [
    typescriptBanner("every connectors/<name>/connector.yaml"),
    ...imports,
    "",
    `export type { ${connectors.map(actionMapName).join(", ")} };`,
    "",
    "/** Each bundled connector's action map, by connector name: connect(name) is typed from it. */",
    `export type ConnectorTypes = {\n${entries.join("\n")}\n};`,
    "",
  ].join("\n");
}
