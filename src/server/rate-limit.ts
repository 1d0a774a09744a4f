/**
 * Requests per workspace per minute (a fixed one-minute window: cheap, and generous by default), counted in this
 * process, or across every replica through the database when the server runs on PostgreSQL (RequestWindows).
 */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors.js";
import type { AppEnv } from "./app-env.js";
import type { RequestWindows } from "./config.js";

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;
const WINDOW_MS = 60_000;

/** This process's own count: enough for one server. */
export function localRequestWindows(): RequestWindows {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        // Windows of keys gone quiet are dropped as new ones open, so the map holds only recent workspaces.
        for (const [other, w] of windows) if (now - w.start >= windowMs) windows.delete(other);
        windows.set(key, (window = { start: now, count: 0 }));
      }
      return { count: ++window.count, resetMs: window.start + windowMs - now };
    },
  };
}

export function workspaceRateLimit(perMinute: number, windows: RequestWindows = localRequestWindows()): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { count, resetMs } = await windows.hit(c.get("workspace").id, WINDOW_MS);
    if (count > perMinute) {
      c.header("Retry-After", String(Math.max(1, Math.ceil(resetMs / 1000))));
      throw new ApiError(429, "E_RATE_LIMIT", `this workspace is limited to ${perMinute} requests per minute; try again shortly`);
    }
    await next();
  };
}
