/** Requests per workspace per minute, in this process (a fixed one-minute window: cheap, and generous by default). */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors.js";
import type { AppEnv } from "./app-env.js";

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;
const WINDOW_MS = 60_000;

export function workspaceRateLimit(perMinute: number): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const id = c.get("workspace").id;
    const now = Date.now();
    let window = windows.get(id);
    if (!window || now - window.start >= WINDOW_MS) windows.set(id, (window = { start: now, count: 0 }));
    if (++window.count > perMinute) {
      c.header("Retry-After", String(Math.ceil((window.start + WINDOW_MS - now) / 1000)));
      throw new ApiError(429, "E_RATE_LIMIT", `this workspace is limited to ${perMinute} requests per minute; try again shortly`);
    }
    await next();
  };
}
