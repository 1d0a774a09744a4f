/** src/generated/<connector>.ts: one params interface per action, one type per record schema, and the connector's action map. */
import { mapRefs } from "../manifest/records.js";
import { paramsSchema, resolveParams } from "../manifest/resolve.js";
import type { Action, Manifest, RecordSchema, SchemaNode } from "../manifest/types.js";
import { typescriptBanner } from "./banner.js";
import { actionMapName, paramsTypeName } from "./names.js";

type Compile = (typeof import("json-schema-to-typescript"))["compile"];

/** json-schema-to-typescript is a dev dependency: loaded only when codegen runs, with a clear error when absent. */
async function loadCompiler(): Promise<Compile> {
  try {
    return (await import("json-schema-to-typescript")).compile;
  } catch {
    throw new Error("codegen needs json-schema-to-typescript: npm install -D json-schema-to-typescript");
  }
}

export async function generateTypesFile(manifest: Manifest, source: string): Promise<string> {
  const compile = await loadCompiler();
  const declarations: string[] = [];
  const map: string[] = [];
  const seen = new Map<string, string>(Object.keys(manifest.schemas ?? {}).map((name) => [name, `the record schema ${name}`]));
  for (const [entity, { actions }] of Object.entries(manifest.entities)) {
    map.push(`  ${entity}: {`);
    for (const [action, spec] of Object.entries(actions)) {
      const name = paramsTypeName(entity, action);
      const clash = seen.get(name);
      if (clash) throw new Error(`${manifest.name}: ${entity}.${action} and ${clash} would both generate ${name}`);
      seen.set(name, `${entity}.${action}`);
      const schema = paramsSchema(resolveParams(manifest, spec));
      declarations.push(await paramsDeclaration(compile, name, schema));
      map.push(`    ${action}: { params: ${name}; data: ${dataType(spec)} };`);
    }
    map.push("  };");
  }
  for (const [name, schema] of Object.entries(manifest.schemas ?? {})) declarations.push(await recordDeclaration(compile, name, schema));
  const mapDoc = `/** Every ${manifest.title} action: its params and the \`data\` of its result. */`;
  return [typescriptBanner(source), ...declarations, `${mapDoc}\nexport type ${actionMapName(manifest.name)} = {\n${map.join("\n")}\n};\n`].join("\n");
}

/** A list gives its records, another action its one record; an action that returns none, whatever the API answered. */
function dataType(spec: Action): string {
  if (!spec.returns) return "unknown";
  return spec.records ? `${spec.returns}[]` : spec.returns;
}

async function paramsDeclaration(compile: Compile, name: string, schema: SchemaNode): Promise<string> {
  // An empty interface would accept any object; an action without params must refuse every one.
  if (Object.keys(schema.properties ?? {}).length === 0) return `export type ${name} = Record<string, never>;\n`;
  // compile() may annotate the schema it is given, so it gets a copy.
  return compile(structuredClone(schema) as Parameters<Compile>[0], name, { bannerComment: "", unknownAny: true, format: true });
}

/**
 * A record type. Reused records are referred to by name (tsType), so each is declared once; objects are closed, so
 * a field the schema does not list (entry.nope) is a compile error.
 */
async function recordDeclaration(compile: Compile, name: string, schema: RecordSchema): Promise<string> {
  const named = mapRefs(structuredClone(schema), (ref, node) => ({ tsType: ref, ...(node.description ? { description: node.description } : {}) }));
  return compile({ ...named, title: name } as Parameters<Compile>[0], name, { bannerComment: "", unknownAny: true, format: true, additionalProperties: false });
}
