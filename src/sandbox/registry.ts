/**
 * The simulated APIs by connector name: the one list of them. connect(name, { sandbox: true }), the loopback
 * server (`connectors sandbox`) and users' tests (agent-connectors/testing) all read it; none names a sandbox.
 */
import type { RequestHandler } from "msw";
import { ValidationError } from "../errors.js";
import { faultHandlers, type SandboxFault } from "./faults.js";
import type { SandboxAccount } from "./types.js";
import { createHarvestSandbox, HARVEST_MOUNTS } from "./harvest/index.js";
import { sandboxAccounts as harvestAccounts, sandboxCredentials as harvestCredentials } from "./harvest/credentials.js";
import { createHarvestApiSandbox, HARVESTAPI_MOUNTS } from "./harvestapi/index.js";
import { sandboxCredentials as harvestApiCredentials } from "./harvestapi/credentials.js";

/** What every simulated API is: msw handlers on its real hosts over its own state. */
export interface Sandbox {
  handlers: RequestHandler[];
  /** Back to the seeded state. */
  reset(): void;
}

/** Credential records keyed by auth variant name (as in the connector's manifest). */
export type SandboxCredentials = Record<string, Record<string, string>>;

export interface SandboxDefinition<Options = never, Instance extends Sandbox = Sandbox> {
  /** Fresh state (seeded data, balances, tokens) and its handlers. */
  create(options?: Options): Instance;
  /** The fixed credentials it accepts, per auth variant; they never work anywhere else. */
  credentials(): SandboxCredentials;
  /** Other accounts it accepts, by name (none when absent). */
  accounts?(): Record<string, SandboxAccount>;
  /** For the loopback server: each path prefix and the real base URL it stands for. */
  mounts: Record<string, string>;
  /** Where the connector's manifest is, when it is not a bundled one (as connect()'s connectorsDir). */
  connectorsDir?: string;
}

const BUNDLED = {
  harvest: { create: createHarvestSandbox, credentials: harvestCredentials, accounts: harvestAccounts, mounts: HARVEST_MOUNTS },
  harvestapi: { create: createHarvestApiSandbox, credentials: () => ({ api_key: { ...harvestApiCredentials() } }), mounts: HARVESTAPI_MOUNTS },
} satisfies Record<string, SandboxDefinition<never>>;

type Bundled = typeof BUNDLED;
export type SandboxName = keyof Bundled;

/** Options every sandbox takes. */
export interface CommonSandboxOptions {
  /** Failures answered before the sandbox sees the request (see SandboxFault). */
  faults?: SandboxFault[];
}

/** A bundled sandbox's own options (seed, clock, rate limits, balance ...) and the common ones. */
export type SandboxOptions<N extends string = string> = (N extends SandboxName ? NonNullable<Parameters<Bundled[N]["create"]>[0]> : object) &
  CommonSandboxOptions;

/** A bundled sandbox with its controls (stats, reset, expiring tokens ...). */
export type SandboxOf<N extends string> = N extends SandboxName ? ReturnType<Bundled[N]["create"]> : Sandbox;

const definitions = new Map<string, SandboxDefinition<object>>(Object.entries(BUNDLED) as [string, SandboxDefinition<object>][]);

/** Adds (or replaces) the sandbox of a connector of your own: its name then works with `sandbox: true` and everywhere else. */
export function registerSandbox<Options>(name: string, definition: SandboxDefinition<Options>): void {
  definitions.set(name, definition as SandboxDefinition<object>);
}

export function sandboxNames(): string[] {
  return [...definitions.keys()];
}

export function sandboxDefinition(name: string): SandboxDefinition<object> | undefined {
  return definitions.get(name);
}

function definitionOf(name: string): SandboxDefinition<object> {
  const definition = definitions.get(name);
  if (!definition) throw new ValidationError(`no sandbox simulates ${name}; sandboxes exist for: ${sandboxNames().join(", ")}`);
  return definition;
}

/** A new sandbox for the connector: fresh state, its handlers (faults first), and its controls. */
export function createSandbox<N extends string>(name: N, options: SandboxOptions<N> = {} as SandboxOptions<N>): SandboxOf<N> {
  const sandbox = definitionOf(name).create(options);
  if (!options.faults?.length) return sandbox as SandboxOf<N>;
  const faults = faultHandlers(options.faults);
  const resetState = sandbox.reset.bind(sandbox);
  const reset = () => {
    faults.reset();
    resetState();
  };
  return Object.assign(sandbox, { handlers: [...faults.handlers, ...sandbox.handlers], reset }) as SandboxOf<N>;
}

/** msw request handlers simulating the connector's API on its real hosts, over fresh state (one sandbox per call). */
export function sandboxHandlers<N extends string>(name: N, options?: SandboxOptions<N>): RequestHandler[] {
  return createSandbox(name, options).handlers;
}

/** The fixed credentials the connector's sandbox accepts, per auth variant of its manifest. */
export function sandboxCredentials(name: string): SandboxCredentials {
  return definitionOf(name).credentials();
}

/** The other accounts the connector's sandbox accepts, by name. */
export function sandboxAccounts(name: string): Record<string, SandboxAccount> {
  return definitionOf(name).accounts?.() ?? {};
}
