/**
 * One record per call, whatever its outcome, for whoever asked to hear of calls (the hosted API's audit trail, for
 * its REST route and its MCP users alike): what ran, with which params (redacted), how it ended, what it cost.
 */
import { AuthError, ConnectorError, type ErrorCode } from "../errors.js";
import type { Manifest } from "../manifest/types.js";
import { redactParams, secretFieldNames } from "./redact.js";

export interface CallRecord {
  connector: string;
  entity: string;
  action: string;
  /** The params as given, redacted (see redact.ts). */
  params: unknown;
  /**
   * "ok", or the error's code; when the caller's signal ended the call, its reason's code if it is one of ours (a
   * deadline's E_TIMEOUT), else E_CANCELLED; E_INTERNAL for anything unexpected.
   */
  outcome: "ok" | ErrorCode;
  /** Why credentials were refused (an AuthError's reason: invalid, revoked, ...), for E_AUTH; else null. */
  reason: string | null;
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
  call: { entity: unknown; action: unknown; params: unknown; started: number; signal?: AbortSignal },
  trace: CallTrace,
  error?: unknown,
): CallRecord {
  let secrets = secretsByManifest.get(manifest);
  if (!secrets) secretsByManifest.set(manifest, (secrets = secretFieldNames(manifest)));
  const status = error === undefined ? trace.status : (error as { status?: unknown })?.status;
  return {
    connector: manifest.name,
    entity: printableName(call.entity),
    action: printableName(call.action),
    params: redactParams(call.params ?? {}, secrets),
    outcome: error === undefined ? "ok" : outcomeOf(error, call.signal),
    reason: error instanceof AuthError ? error.reason : null,
    upstream_status: typeof status === "number" ? status : null,
    duration_ms: Math.round(performance.now() - call.started),
    cost: trace.cost ? trace.cost() : null,
  };
}

function outcomeOf(error: unknown, signal: AbortSignal | undefined): ErrorCode {
  if (signal?.aborted) return signal.reason instanceof ConnectorError ? signal.reason.code : "E_CANCELLED";
  return error instanceof ConnectorError ? error.code : "E_INTERNAL";
}

/**
 * A name as a record keeps it: whatever a caller sent (a refused name included), as at most 128 printable characters,
 * so no log or database column ever holds a NUL or a line break from a caller.
 */
export function printableName(name: unknown): string {
  const text = typeof name === "string" ? name : typeof name === "number" || typeof name === "boolean" ? String(name) : name === undefined ? "" : `(${typeof name})`;
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd");
  return printable.length > 128 ? `${printable.slice(0, 127)}…` : printable;
}
