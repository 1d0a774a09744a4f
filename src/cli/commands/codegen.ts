/** `connectors codegen`: regenerates typed params (src/generated) and references (connectors/<name>/REFERENCE.md). */
import { relative } from "node:path";
import { ValidationError } from "../../errors.js";

interface Options {
  check?: boolean;
  connectors?: string;
  types?: string;
}

export async function codegen(options: Options): Promise<void> {
  const { runCodegen } = await import("../../codegen/index.js").catch((error: unknown) => {
    // json-schema-to-typescript is a development dependency: an installed package may not have it.
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND")
      throw new ValidationError("codegen needs json-schema-to-typescript: npm install -D json-schema-to-typescript");
    throw error;
  });
  const { changed } = await runCodegen({ check: options.check, connectorsDir: options.connectors, typesDir: options.types });
  for (const path of changed) process.stdout.write(`${options.check ? "out of date" : "wrote"} ${relative(process.cwd(), path)}\n`);
  if (!changed.length) process.stdout.write("generated files are up to date\n");
  if (options.check && changed.length) process.exitCode = 1;
}
