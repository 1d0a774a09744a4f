/**
 * undici 7's handler contract from the dispatching side: a DispatchController (abort, pause, resume) and the
 * calls a handler expects, in its controller style (onRequestStart ...) or the legacy one (onConnect ...).
 */
import { errors, type Dispatcher } from "undici";

type ResponseHeaders = Record<string, string | string[]>;

/** What a dispatcher calls, whatever style the handler speaks. */
export interface HandlerCalls {
  start(controller: DispatchController): void;
  headers(status: number, headers: ResponseHeaders, statusText: string): void;
  data(chunk: Buffer): void;
  end(): void;
  error(error: Error): void;
}

export class DispatchController implements Dispatcher.DispatchController {
  #aborted = false;
  #paused = false;
  #reason: Error | null = null;
  #resumed?: () => void;
  /** Another dispatcher's controller this one now steers (a request passed through to the network). */
  #upstream?: Dispatcher.DispatchController;
  readonly #onAbort: (reason: Error) => void;

  constructor(onAbort: (reason: Error) => void) {
    this.#onAbort = onAbort;
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  get paused(): boolean {
    return this.#paused;
  }

  get reason(): Error | null {
    return this.#reason;
  }

  abort(reason: Error): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#onAbort(reason);
    this.#upstream?.abort(reason);
    this.resume();
  }

  pause(): void {
    this.#paused = true;
    this.#upstream?.pause();
  }

  resume(): void {
    this.#paused = false;
    this.#upstream?.resume();
    this.#resumed?.();
    this.#resumed = undefined;
  }

  /** From now on abort, pause and resume act on `upstream`. */
  steer(upstream: Dispatcher.DispatchController): void {
    this.#upstream = upstream;
    if (this.#aborted) upstream.abort(this.#reason!);
  }

  /** Resolves at once unless paused; then when resumed (or aborted). */
  whenFlowing(): Promise<void> {
    if (!this.#paused) return Promise.resolve();
    return new Promise((resolve) => (this.#resumed = resolve));
  }
}

const rawHeaders = (headers: ResponseHeaders): Buffer[] =>
  Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).flatMap((item) => [Buffer.from(name), Buffer.from(item)]));

/** The handler's own calls, each given the controller the way its style expects. */
export function handlerCalls(handler: Dispatcher.DispatchHandler): HandlerCalls {
  let controller!: DispatchController;
  if (handler.onRequestStart) {
    return {
      start: (c) => handler.onRequestStart!((controller = c), null),
      headers: (status, headers, statusText) => handler.onResponseStart?.(controller, status, headers, statusText),
      data: (chunk) => handler.onResponseData?.(controller, chunk),
      end: () => handler.onResponseEnd?.(controller, {}),
      error: (error) => handler.onResponseError?.(controller, error),
    };
  }
  // Legacy handlers say "pause" by returning false, and are given resume/abort functions instead of the controller.
  return {
    start: (c) => {
      controller = c;
      handler.onConnect?.((reason?: Error) => c.abort(reason ?? new errors.RequestAbortedError()));
    },
    headers: (status, headers, statusText) => {
      if (handler.onHeaders?.(status, rawHeaders(headers), () => controller.resume(), statusText) === false) controller.pause();
    },
    data: (chunk) => {
      if (handler.onData?.(chunk) === false) controller.pause();
    },
    end: () => handler.onComplete?.([]),
    error: (error) => handler.onError?.(error),
  };
}
