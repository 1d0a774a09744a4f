// Passed to every test process with --import (vitest.config.ts); worker threads inherit it. See typescript-hooks.mjs.
import { register } from "node:module";

register("./typescript-hooks.mjs", import.meta.url);
