/** A loopback Harvest sandbox for the agent tests, and a harvest connector pointed at it. */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { connect, type ConnectOptions } from "../../src/index.js";
import { startSandbox, type SandboxServer } from "../../src/sandbox/server.js";

let sandbox: SandboxServer;

/** Registers the hooks: one sandbox for the file, its data and request log reset before each test. */
export function useHarvestSandbox(): { harvest: (options?: ConnectOptions) => ReturnType<typeof connect<"harvest">>; sent: () => string[] } {
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.harvest.reset());
  const harvest = (options: ConnectOptions = {}) => {
    const info = sandbox.connectors.harvest!;
    return connect("harvest", { baseUrl: info.baseUrl, hosts: info.hosts, credentials: info.credentials.personal_access_token, ...options });
  };
  /** "METHOD /path" of every request the API host received. */
  const sent = () => sandbox.harvest.stats.requestLog.filter((r) => r.host === "api").map((r) => `${r.method} ${r.path}`);
  return { harvest, sent };
}
