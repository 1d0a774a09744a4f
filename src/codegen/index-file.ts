/** src/generated/index.ts: the ConnectorTypes map that types connect("<name>"), and each connector's types as a namespace. */
import { typescriptBanner } from "./banner.js";
import { actionMapName, pascalCase } from "./names.js";

export function generateIndexFile(connectors: string[]): string {
  const imports = connectors.map((name) => `import type { ${actionMapName(name)} } from "./${name}.js";`);
  const entries = connectors.map((name) => `  ${name}: ${actionMapName(name)};`);
  const namespaces = connectors.map((name) => `export type * as ${pascalCase(name)} from "./${name}.js";`);
  return [
    typescriptBanner("every connectors/<name>/connector.yaml"),
    ...imports,
    "",
    `export type { ${connectors.map(actionMapName).join(", ")} };`,
    "/** Each connector's record and params types by name, e.g. Harvest.TimeEntry. */",
    ...namespaces,
    "",
    "/** Each bundled connector's action map, by connector name: connect(name) is typed from it. */",
    `export type ConnectorTypes = {\n${entries.join("\n")}\n};`,
    "",
  ].join("\n");
}
