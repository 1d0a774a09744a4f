/**
 * The host side of a script: each call it makes runs through its Connector's execute (same validation, scope,
 * pacing, budget and audit), counted against its limits, answered as JSON. A limit reached ends the script, whatever
 * it catches; any other error goes back to the script to handle.
 */
import { ConnectorError, ValidationError } from "../../errors.js";
import type { AnyConnector, ExecuteOptions } from "../connector.js";
import { scriptDocs } from "./docs.js";
import { limitError, logLength, type Limits } from "./limits.js";
import { Purse, type Hold } from "./purse.js";
import type { LogEntry, RunOptions } from "./types.js";
import type { GuestHost } from "./vm.js";

interface CallRequest {
  connector: string;
  account?: string;
  entity: string;
  action: string;
  params?: Record<string, unknown>;
  options?: Record<string, unknown>;
}

const CALL_OPTIONS = ["all", "limit", "cursor"] as const;
const LOG_LEVELS = new Set(["log", "warn", "error"]);

export class ScriptHost implements GuestHost {
  readonly logs: LogEntry[] = [];
  calls = 0;
  /** Errors handed to the script, by ref: the one it lets through ends the run as it is. */
  readonly errors: unknown[] = [];
  /** A limit reached: the script ends with it. */
  terminal?: ConnectorError;
  private readonly purse: Purse;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly accounts = new Map<string, Promise<AnyConnector>>();
  private logChars = 0;

  constructor(
    private readonly connectors: ReadonlyMap<string, AnyConnector>,
    private readonly limits: Limits,
    private readonly options: RunOptions,
    private readonly signal: AbortSignal,
    /** Ends the script (the VM is interrupted and calls in flight are cancelled). */
    private readonly stop: () => void,
  ) {
    this.purse = new Purse(limits.budget);
  }

  get cost(): number {
    return this.purse.spent;
  }

  request(op: string, payload: string): Promise<{ ok: boolean; text: string }> {
    const call = op === "call" ? this.call(JSON.parse(payload) as CallRequest) : Promise.reject(new ValidationError(`unknown request ${op}`));
    const answer = call.then(
      (text) => ({ ok: true, text }),
      (error: unknown) => ({ ok: false, text: this.describe(error) }),
    );
    this.inFlight.add(answer);
    void answer.then(() => this.inFlight.delete(answer));
    return answer;
  }

  requestSync(op: string, payload: string): string {
    try {
      if (op !== "docs") throw new ValidationError(`unknown request ${op}`);
      const { connector, path } = JSON.parse(payload) as { connector?: string; path?: unknown };
      return JSON.stringify({ ok: scriptDocs(this.connectors, connector, path) });
    } catch (error) {
      return `{"error":${this.describe(error)}}`;
    }
  }

  log(level: string, message: string): void {
    if (this.logChars >= this.limits.maxResultChars) return;
    this.logChars += logLength(message);
    const over = this.logChars >= this.limits.maxResultChars;
    const kept = over ? `${message.slice(0, Math.max(0, message.length - (this.logChars - this.limits.maxResultChars)))} [logs cut at ${this.limits.maxResultChars} characters]` : message;
    const entry: LogEntry = { level: LOG_LEVELS.has(level) ? (level as LogEntry["level"]) : "log", message: kept };
    this.logs.push(entry);
    this.options.onLog?.(entry);
  }

  /** Resolves once every call the script started has ended (their audit records written). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async call(request: CallRequest): Promise<string> {
    if (this.terminal) throw this.terminal;
    if (this.calls >= this.limits.maxCalls) throw this.end(limitError("calls", this.limits));
    this.calls++;
    const connector = await this.connection(request.connector, request.account);
    const walk = callOptions(request.options);
    const params = request.params ?? {};
    const hold = this.purse.open(this.purse.budget === undefined ? 0 : expectedCost(connector, request, walk));
    try {
      const result = await connector.execute(request.entity, request.action, params, { ...walk, ...this.spending(hold), signal: this.signal });
      return JSON.stringify({ data: result.data, meta: result.meta });
    } catch (error) {
      if (this.purse.refused(hold, error)) throw this.end(this.purse.exhausted(error, connector.manifest.costs?.currency ?? "USD"));
      throw error;
    } finally {
      this.purse.close(hold);
    }
  }

  private spending(hold: Hold): Pick<ExecuteOptions, "budget" | "onCost"> {
    return { budget: hold.budget, onCost: (amount) => this.purse.spend(hold, amount) };
  }

  /** The script's connection to a connector, or to one of its named accounts (held to the connector's scope too). */
  private connection(name: string, account: string | undefined): Promise<AnyConnector> {
    const connector = this.connectors.get(name);
    if (!connector) return Promise.reject(new ValidationError(`no connector ${JSON.stringify(name)} in this script; connectors: ${[...this.connectors.keys()].join(", ")}`));
    if (account === undefined) return Promise.resolve(connector);
    const key = JSON.stringify([name, account]);
    let found = this.accounts.get(key);
    if (!found) {
      const resolve = this.options.accounts ?? ((c: AnyConnector, n: string) => c.withAccount(n));
      found = Promise.resolve(resolve(connector, account)).then((c) => c.withScope(...connector.scopes));
      this.accounts.set(key, found);
    }
    return found;
  }

  private end(error: ConnectorError): ConnectorError {
    this.terminal ??= error;
    this.stop();
    return error;
  }

  /** An error as the script sees it: its public fields (never a secret: see errors.ts), and a ref to find it again. */
  private describe(error: unknown): string {
    const ref = this.errors.push(error) - 1;
    if (error instanceof ConnectorError) return JSON.stringify({ ...error.toJSON(), ref });
    return JSON.stringify({ name: "Error", message: "unexpected failure in the connector (not the script's fault)", ref });
  }
}

/** The options a script may give a call: all, limit and cursor (the rest are the host's: budget, signal). */
function callOptions(options: Record<string, unknown> | undefined): Pick<ExecuteOptions, "all" | "limit" | "cursor"> {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) throw new ValidationError("a call's options must be an object: { all, limit, cursor }; nothing was sent");
  const unknown = Object.keys(options).filter((key) => !(CALL_OPTIONS as readonly string[]).includes(key));
  if (unknown.length) throw new ValidationError(`unknown call option ${unknown.join(", ")}; a call takes { all, limit, cursor }; nothing was sent`);
  return options as Pick<ExecuteOptions, "all" | "limit" | "cursor">;
}

/** What a call is expected to cost; one the connector will refuse (bad params, out of scope) holds nothing. */
function expectedCost(connector: AnyConnector, request: CallRequest, walk: { all?: boolean; limit?: number }): number {
  try {
    const estimate = connector.estimate(request.entity, request.action, request.params ?? {}, walk);
    return estimate.requests === null ? estimate.per_request : estimate.amount;
  } catch {
    return 0;
  }
}
