/**
 * One record per call, whatever its outcome, for whoever asked to hear of calls (the hosted API's audit trail, for
 * its REST route and its MCP users alike): what ran, with which params (redacted), how it ended, what it cost.
 */
import { ConnectorError, type ErrorCode } from "../errors.js";
import type { Manifest } from "../manifest/types.js";
import { redactParams, secretFieldNames } from "./redact.js";

export interface CallRecord {
  connector: string;
  entity: string;
  action: string;
  /** The params as given, redacted (see redact.ts). */
  params: unknown;
  /** "ok", or the error's code; E_CANCELLED when the caller's signal ended it, E_INTERNAL for anything unexpected. */
  outcome: "ok" | ErrorCode;
  /** The API's HTTP status, when an answer came. */
  upstream_status: number | null;
  duration_ms: number;
  /** What the call spent, for actions that cost money. */
  cost: number | null;
}

/** What a call learned while it ran, for its record. */
export interface CallTrace {
  status?: number;
  cost?: () => number;
}

const secretsByManifest = new WeakMap<Manifest, Set<string>>();

export function callRecord(
  manifest: Manifest,
  call: { entity: string; action: string; params: unknown; started: number; signal?: AbortSignal },
  trace: CallTrace,
  error?: unknown,
): CallRecord {
  let secrets = secretsByManifest.get(manifest);
  if (!secrets) secretsByManifest.set(manifest, (secrets = secretFieldNames(manifest)));
  const status = error === undefined ? trace.status : (error as { status?: unknown })?.status;
  return {
    connector: manifest.name,
    entity: String(call.entity),
    action: String(call.action),
    params: redactParams(call.params ?? {}, secrets),
    outcome: error === undefined ? "ok" : call.signal?.aborted ? "E_CANCELLED" : error instanceof ConnectorError ? error.code : "E_INTERNAL",
    upstream_status: typeof status === "number" ? status : null,
    duration_ms: Math.round(performance.now() - call.started),
    cost: trace.cost ? trace.cost() : null,
  };
}
