/** A tool's JSON Schema as the Standard Schema FastMCP takes for `parameters`. */
import type { JsonSchemaObject, JsonSchemaStandardSchema } from "fastmcp";
import type { JsonSchema } from "../agent/index.js";

/**
 * Validation lets every input through: the agent tool checks it itself and says what is wrong (the valid entities,
 * actions and params) as an isError result, where a failed schema check would be a bare protocol error.
 */
export function toolParameters(schema: JsonSchema): JsonSchemaStandardSchema {
  const advertised = keepNestedObjectsOpen(schema);
  return {
    "~standard": {
      version: 1,
      vendor: "agent-connectors",
      validate: (value) => ({ value }),
      jsonSchema: { input: () => advertised, output: () => advertised },
    },
  };
}

/**
 * FastMCP closes every property typed `"object"` (additionalProperties: false) in what tools/list advertises, which
 * would tell clients that `params` can hold nothing. The same type written as a list is left as it is.
 */
function keepNestedObjectsOpen(schema: JsonSchema): JsonSchemaObject {
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => [
      name,
      property.type === "object" && property.additionalProperties !== false ? { ...property, type: ["object"] } : property,
    ]),
  );
  return { ...schema, type: "object", properties };
}
