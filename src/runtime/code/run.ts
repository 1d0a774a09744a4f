/**
 * Code mode: a script runs against one or more connectors in a QuickJS WebAssembly VM on a worker thread (see
 * workers.ts), and only its answer comes back. runScript() reports every outcome (faces that report failures their
 * own way use it); runCode() is the library's: it resolves with the answer or throws what ended the script.
 */
import { ConnectorError, ScriptError, ValidationError } from "../../errors.js";
import type { AnyConnector } from "../connector.js";
import { ScriptHost } from "./host.js";
import { checkRunOptions, limitError, type Limits } from "./limits.js";
import type { RunOptions, RunReport, RunResult } from "./types.js";
import type { GuestError, VmEnd } from "./vm.js";
import { runInWorker } from "./workers.js";

export async function runScript(connectors: readonly AnyConnector[], code: string, options: RunOptions = {}): Promise<RunReport> {
  const limits = checkRunOptions(code, options);
  const byName = connectorsByName(connectors);
  const started = performance.now();
  const deadline = Date.now() + limits.timeout;
  const controller = new AbortController();
  const stop = () => controller.abort();
  // Listened to before anything can stop the script: a caller's signal may be aborted already.
  const stopped = new Promise<void>((resolve) => controller.signal.addEventListener("abort", () => resolve(), { once: true }));
  const timer = setTimeout(stop, limits.timeout);
  options.signal?.addEventListener("abort", stop, { once: true });
  if (options.signal?.aborted) stop();
  const host = new ScriptHost(byName, limits, options, controller.signal, stop);
  const setup = JSON.stringify({ connectors: [...byName.values()].map(setupOf), maxResultChars: limits.maxResultChars });
  let end: VmEnd;
  try {
    end = await runInWorker(code, setup, host, { memoryBytes: limits.maxMemoryMb * 1024 * 1024, deadline, stopped, maxLogChars: limits.maxResultChars });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", stop);
    // Calls still running when the script ends are cancelled; their records are written before the report.
    stop();
    await host.settled();
  }
  const usage = { logs: host.logs, calls: host.calls, cost: host.cost, duration_ms: Math.round(performance.now() - started) };
  return { ...usage, ...outcome(end, host, { limits, signal: options.signal, lines: code.split("\n").length }) };
}

/** The script's answer; throws the error that ended it (a ScriptError, a LimitError, or a call's error it let through). */
export async function runCode<T = unknown>(connectors: readonly AnyConnector[], code: string, options: RunOptions = {}): Promise<RunResult<T>> {
  const { error, line: _line, ...report } = await runScript(connectors, code, options);
  if (error) throw error;
  return report as RunResult<T>;
}

function connectorsByName(connectors: readonly AnyConnector[]): Map<string, AnyConnector> {
  const byName = new Map<string, AnyConnector>();
  for (const connector of connectors) {
    if (byName.has(connector.name)) throw new ValidationError(`a script takes one connection per connector; ${connector.name} was given twice (use ${connector.name}.account(name) for another account)`);
    byName.set(connector.name, connector);
  }
  if (!byName.size) throw new ValidationError("a script needs at least one connector");
  return byName;
}

/** What the prelude needs to build a connector's global: its name and every action by entity (scope is checked per call). */
function setupOf(connector: AnyConnector): { name: string; entities: Record<string, string[]> } {
  return { name: connector.name, entities: Object.fromEntries(connector.entities.map((e) => [e.name, e.actions])) };
}

interface Context {
  limits: Limits;
  signal?: AbortSignal;
  /** The script's number of lines. */
  lines: number;
}

function outcome(end: VmEnd, host: ScriptHost, { limits, signal, lines }: Context): Pick<RunReport, "result" | "error" | "line"> {
  if (host.terminal) return { error: host.terminal };
  switch (end.kind) {
    case "returned":
      return { result: end.json === undefined ? undefined : JSON.parse(end.json) };
    case "too-large":
      return { error: limitError("result", limits, end.chars) };
    case "out-of-memory":
      return { error: limitError("memory", limits) };
    case "stopped":
      return { error: signal?.aborted ? new ConnectorError("E_CANCELLED", "the script was cancelled by its caller") : limitError("time", limits) };
    case "worker-failed":
      return { error: new ConnectorError("E_INTERNAL", end.message) };
    case "host-stack":
      return { error: new ScriptError("the script nests too deeply (a deeply nested value or recursion) and was stopped", { errorName: "InternalError" }) };
    case "threw":
      return thrown(end.error, host, limits, lines);
  }
}

/** The script's own exception, or the call error it let through (as it was, with the line of the call). */
function thrown(error: GuestError, host: ScriptHost, limits: Limits, lines: number): Pick<RunReport, "error" | "line"> {
  // QuickJS's out-of-memory error can be caught, and so reach finish() like any other.
  if (error.name === "InternalError" && error.message === "out of memory") return { error: limitError("memory", limits) };
  const found = error.line ?? lineOf(error.stack);
  // The wrapper's closing line is past the script's end: an error there (an unclosed bracket) is at the script's last.
  const line = found === undefined ? undefined : Math.min(found, lines);
  const passed = error.ref === undefined ? undefined : host.errors[error.ref];
  if (passed instanceof ConnectorError) return { error: passed, line };
  if (passed !== undefined) throw passed;
  return { error: new ScriptError(error.message, { errorName: error.name, line }), line };
}

function lineOf(stack: string | undefined): number | undefined {
  const match = stack && /script\.js:(\d+)/.exec(stack);
  return match ? Number(match[1]) : undefined;
}
