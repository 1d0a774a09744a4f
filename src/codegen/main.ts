/** `npm run codegen` (after the build): regenerates the typed params and references; --check only reports. */
import { relative } from "node:path";
import { runCodegen } from "./run.js";

const check = process.argv.includes("--check");
const { changed } = await runCodegen({ check });
for (const path of changed) console.log(`${check ? "out of date" : "wrote"} ${relative(process.cwd(), path)}`);
if (!changed.length) console.log("generated files are up to date");
if (check && changed.length) process.exitCode = 1;
