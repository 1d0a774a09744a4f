#!/usr/bin/env node
// npm's `prepare`: builds dist/ on `npm ci`, `npm install` and `npm pack`. `npx connectors` in a checkout links the
// checkout into npx's cache (npm runs a package's own bin that way) and runs `prepare` there too, as `npm exec`: a
// dist/ already built is then kept, so the first `npx connectors` takes a second, not a rebuild.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (process.env.npm_command === "exec" && existsSync("dist/cli/main.js")) process.exit(0);
// npm_execpath: the package manager running this script (npm, or pnpm or yarn, which set it too).
const build = spawnSync(process.execPath, [process.env.npm_execpath, "run", "build"], { stdio: "inherit" });
process.exitCode = build.status ?? 1;
