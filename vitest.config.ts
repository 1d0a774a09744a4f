import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Worker threads started from the sources need TypeScript loaded by Node itself (code mode's workers).
    execArgv: ["--import", fileURLToPath(new URL("./test/support/register-typescript.mjs", import.meta.url))],
  },
});
