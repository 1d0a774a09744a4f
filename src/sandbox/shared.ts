/** One sandbox per process for connect(name, { sandbox: true }); it never keeps the process alive by itself. */
import { startSandbox, type SandboxServer } from "./server.js";

let shared: Promise<SandboxServer> | undefined;

export function sharedSandbox(): Promise<SandboxServer> {
  shared ??= startSandbox({ unref: true });
  return shared;
}
