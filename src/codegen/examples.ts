/** The same call shown three ways in a reference: from the library, the CLI and the agent tool. */
import type { Manifest } from "../manifest/types.js";
import { shellWord } from "./markdown.js";
import { pascalCase } from "./names.js";

export interface ExampleCall {
  entity: string;
  action: string;
  params: Record<string, unknown>;
  paginated: boolean;
}

/** The first read-only action with example params (a safe first call), else the first action. */
export function primaryExample(manifest: Manifest): ExampleCall {
  const calls = Object.entries(manifest.entities).flatMap(([entity, e]) =>
    Object.entries(e.actions).map(([action, spec]) => ({
      call: { entity, action, params: spec.example.params, paginated: !!spec.pagination && spec.pagination !== "none" },
      safe: (spec.annotations?.read_only ?? spec.method === "GET") && Object.keys(spec.example.params).length > 0,
    })),
  );
  return (calls.find((c) => c.safe) ?? calls[0]!).call;
}

export function libraryExample(manifest: Manifest, call: ExampleCall): string {
  const options = call.paginated ? ", { limit: 20 }" : "";
  const returns = manifest.entities[call.entity]?.actions[call.action]?.returns;
  const typed = returns ? `${pascalCase(manifest.name)}.${returns}${call.paginated ? "[]" : ""}` : undefined;
  return [
    `import { connect${typed ? `, type ${pascalCase(manifest.name)}` : ""} } from "agent-connectors";`,
    "",
    `const ${camel(manifest.name)} = connect(${JSON.stringify(manifest.name)}); // credentials from the environment`,
    `const { data, meta } = await ${camel(manifest.name)}.execute(${JSON.stringify(call.entity)}, ${JSON.stringify(call.action)}, ${JSON.stringify(call.params)}${options});`,
    ...(typed ? [`const ${call.paginated ? "records" : "record"}: ${typed} = data; // typed from the manifest's record schemas`] : []),
  ].join("\n");
}

export function cliExample(manifest: Manifest, call: ExampleCall): string {
  const params = Object.entries(call.params).map(([key, value]) => `-p ${shellWord(`${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)}`);
  const words = ["npx connectors execute", manifest.name, call.entity, call.action, ...params, ...(call.paginated ? ["--limit 20"] : [])];
  return words.join(" ");
}

export function agentExample(manifest: Manifest, call: ExampleCall): string {
  const args = { entity: call.entity, action: call.action, params: call.params, ...(call.paginated ? { limit: 20 } : {}) };
  return [
    'import { connect } from "agent-connectors";',
    "",
    `const tool = connect(${JSON.stringify(manifest.name)}).tool(); // ${manifest.name}_execute`,
    "// Hand it to a model: tool.toOpenAITool(), tool.toAnthropicTool(), tool.toVercelAITool() or await tool.toLangChainTool().",
    "// Run the model's call; errors come back as text the model can act on:",
    `const text = await tool.invoke(${JSON.stringify(args)});`,
  ].join("\n");
}

export function codeExample(manifest: Manifest, call: ExampleCall): string {
  const options = call.paginated ? ", { limit: 20 }" : "";
  const answer = call.paginated ? "data.length" : "data";
  return [
    'import { connect } from "agent-connectors";',
    "",
    `const { result, logs, calls, cost } = await connect(${JSON.stringify(manifest.name)}).run(\``,
    `  const { data } = await ${manifest.name}.${call.entity}.${call.action}(${JSON.stringify(call.params)}${options});`,
    `  return ${answer};`,
    "`);",
  ].join("\n");
}

/** "harvestapi" -> "harvestapi", "my_api" -> "myApi": a variable name for the connector. */
function camel(name: string): string {
  return name.replace(/[^A-Za-z0-9]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
}
