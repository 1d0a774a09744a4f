/** Codegen's public entry (the CLI's `connectors codegen` runs runCodegen). */
export { generateFiles, runCodegen, type CodegenOptions, type CodegenResult, type GeneratedFile } from "./run.js";
