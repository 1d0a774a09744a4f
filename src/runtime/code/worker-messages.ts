/**
 * What the main thread and a code worker say to each other: only strings and numbers cross, as in the VM itself. The
 * worker sends its messages in batches (an array), one per step of the script.
 */
import type { MessagePort } from "node:worker_threads";
import type { VmEnd } from "./vm.js";

export type ToWorker =
  | { type: "run"; code: string; setup: string; memoryBytes: number; deadline: number; maxLogChars: number }
  | { type: "answer"; id: number; ok: boolean; text: string }
  /** The host ended the script (a limit, the caller): stop at once. */
  | { type: "stop" };

export type FromWorker =
  | { type: "request"; id: number; op: string; payload: string }
  | { type: "log"; level: string; message: string }
  | { type: "end"; end: VmEnd };

/** A synchronous request (docs) goes over its own port; the worker waits on the shared flags until it is answered. */
export interface SyncRequest {
  id: number;
  op: string;
  payload: string;
}

export interface SyncAnswer {
  id: number;
  text: string;
}

/** Indexes into the worker's shared Int32Array. */
export const FLAG = {
  /** 1 once the host stopped the script: read by the VM's interrupt handler while it computes. */
  stop: 0,
  /** 1 once the answer to a synchronous request is on its port. */
  answered: 1,
} as const;

/** What the worker is started with. */
export interface WorkerSetup {
  flags: SharedArrayBuffer;
  syncPort: MessagePort;
}
