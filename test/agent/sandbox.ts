/** The Harvest sandbox for the agent tests, in the process through its msw handlers, and a harvest connector answered by it. */
import { beforeEach } from "vitest";
import { connect, type ConnectOptions } from "../../src/index.js";
import { mockDispatcher } from "../../src/sandbox/msw/dispatcher.js";
import { createSandbox, sandboxCredentials } from "../../src/sandbox/registry.js";

/** Registers the hooks: one sandbox for the file, its data and request log reset before each test. */
export function useHarvestSandbox(): { harvest: (options?: ConnectOptions) => ReturnType<typeof connect<"harvest">>; sent: () => string[] } {
  const sandbox = createSandbox("harvest");
  beforeEach(() => sandbox.reset());
  const harvest = (options: ConnectOptions = {}) =>
    connect("harvest", { dispatcher: mockDispatcher(sandbox.handlers), credentials: sandboxCredentials("harvest").personal_access_token, ...options });
  /** "METHOD /path" of every request the API host received. */
  const sent = () => sandbox.stats.requestLog.filter((r) => r.host === "api").map((r) => `${r.method} ${r.path}`);
  return { harvest, sent };
}
