/**
 * agent-connectors/testing: the sandboxes as msw request handlers for your own tests, and the undici Dispatcher
 * that answers from msw handlers inside the process (msw itself does not intercept undici).
 *
 *   connect("harvest", { dispatcher: mockDispatcher([http.get("https://api.harvestapp.com/v2/company", ...), ...sandboxHandlers("harvest")]) })
 */
export { mockDispatcher, MockDispatcher, UnhandledRequestError } from "./sandbox/msw/dispatcher.js";
export type { MockDispatcherOptions, UnhandledRequestStrategy } from "./sandbox/msw/dispatcher.js";
export { createSandbox, registerSandbox, sandboxCredentials, sandboxHandlers, sandboxNames } from "./sandbox/registry.js";
export type { CommonSandboxOptions, Sandbox, SandboxCredentials, SandboxDefinition, SandboxName, SandboxOf, SandboxOptions } from "./sandbox/registry.js";
export type { SandboxFault } from "./sandbox/faults.js";
export { startSandbox } from "./sandbox/server.js";
export type { SandboxServer, SandboxServerOptions, SandboxConnectorInfo } from "./sandbox/server.js";
export type { HarvestSandbox, HarvestSandboxOptions } from "./sandbox/harvest/index.js";
export type { HarvestApiSandbox, HarvestApiSandboxOptions } from "./sandbox/harvestapi/index.js";
