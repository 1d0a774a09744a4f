/**
 * `<connector>_run`: code mode as an agent tool. The model sends a script written against the declaration in the
 * description; the runtime runs it in its WebAssembly sandbox and the model gets back only the answer (with the
 * script's console lines), or the error as text with its line and what to do next.
 */
import { ValidationError } from "../errors.js";
import { DEFAULT_LIMITS, DEFAULT_MAX_RESULT_CHARS } from "../runtime/code/limits.js";
import { runScript } from "../runtime/code/run.js";
import type { LogEntry, RunReport } from "../runtime/code/types.js";
import type { AnyConnector } from "../runtime/connector.js";
import { withAdapters } from "./adapters.js";
import { buildCatalog } from "./catalog.js";
import { callConnections } from "./connection.js";
import { codeDeclaration } from "./declaration.js";
import { explainError } from "./explain-error.js";
import { toolArguments } from "./input.js";
import type { AgentTool, ToolCall, ToolOptions } from "./types.js";

export interface RunToolOptions extends ToolOptions {
  /** Wall time per script, in ms (default 30,000). */
  timeout?: number;
  /** Memory per script, in MB (default 64). */
  maxMemoryMb?: number;
  /** Calls per script (default 1,000). */
  maxCalls?: number;
}

export function createRunTool(connector: AnyConnector, options: RunToolOptions = {}): AgentTool {
  const scoped = connector.withScope({ allow: options.allow, readOnly: options.readOnly });
  const catalog = buildCatalog(scoped);
  const limits = {
    timeout: options.timeout ?? DEFAULT_LIMITS.timeout,
    maxMemoryMb: options.maxMemoryMb ?? DEFAULT_LIMITS.maxMemoryMb,
    maxCalls: options.maxCalls ?? DEFAULT_LIMITS.maxCalls,
    maxResultChars: options.maxResultChars ?? DEFAULT_MAX_RESULT_CHARS,
    budget: options.budget,
  };
  const name = options.name ?? `${connector.name}_run`;
  const connectionFor = callConnections(name, scoped);
  const advice = { catalog, credentialAdvice: options.credentialAdvice, entity: "", action: "" };
  return withAdapters({
    name,
    description: codeDeclaration(catalog, { maxChars: options.maxDescriptionChars, limits, toolName: name }),
    inputSchema: {
      type: "object",
      properties: { code: { type: "string", description: `JavaScript: the body of an async function using the ${connector.name} global as declared; return the answer.` } },
      required: ["code"],
      additionalProperties: false,
    },
    effects: catalog.effects,
    async run(args, call: ToolCall = {}) {
      try {
        const report = await runScript([connectionFor(call.connector)], codeOf(args), { ...limits, signal: call.signal });
        if (report.error) return { text: withLogs(explainError(report.error, { ...advice, line: report.line }), report.logs, limits.maxResultChars), isError: true };
        return { text: answerText(report, limits.maxResultChars), isError: false };
      } catch (error) {
        return { text: explainError(error, advice), isError: true };
      }
    },
  });
}

function codeOf(args: unknown): string {
  const { code, ...rest } = toolArguments(args);
  const unknown = Object.keys(rest);
  if (unknown.length) throw new ValidationError(`unknown key ${unknown.join(", ")}: the tool takes only {"code"}; nothing was run`);
  if (typeof code !== "string" || !code.trim()) throw new ValidationError('"code" must be the script, a non-empty string of JavaScript; nothing was run');
  return code;
}

/** JSON of the answer, what it took, and as many console lines as fit beside it. */
function answerText(report: RunReport, maxChars: number): string {
  const answer = { result: report.result ?? null, calls: report.calls, cost: report.cost, duration_ms: report.duration_ms };
  const text = JSON.stringify(answer);
  if (!report.logs.length) return text;
  const logs: string[] = [];
  let room = maxChars - text.length - 20;
  for (const line of report.logs.map(logLine)) {
    if (line.length + 3 > room) {
      logs.push(`[${report.logs.length - logs.length} more lines cut]`);
      break;
    }
    logs.push(line);
    room -= line.length + 3;
  }
  return JSON.stringify({ ...answer, logs });
}

function withLogs(text: string, logs: LogEntry[], maxChars: number): string {
  if (!logs.length) return text;
  const lines = logs.map(logLine).join("\n");
  const room = Math.max(0, maxChars - text.length - 20);
  return `${text}\nConsole:\n${lines.length > room ? `${lines.slice(0, room)}\n[cut]` : lines}`;
}

function logLine({ level, message }: LogEntry): string {
  return level === "log" ? message : `${level}: ${message}`;
}
