/**
 * mockDispatcher: an undici Dispatcher that answers from msw request handlers inside the process (no socket,
 * no port). msw 2 intercepts fetch and node:http, not undici.request; its getResponse() resolves a Request against
 * handlers, and this dispatcher plays the network around it: headers and body timeouts, a streamed body with
 * back-pressure, abort, network errors (Response.error()), and requests no handler answers.
 */
import type { RequestHandler } from "msw";
import { Dispatcher, errors, getGlobalDispatcher } from "undici";
import { answerFrom } from "./answer.js";
import { DispatchController, handlerCalls, type HandlerCalls } from "./controller.js";
import { bufferedBody, fetchRequest, requestUrl, responseHeaders } from "./fetch.js";

/** As msw's option: "error" fails the request, "warn" logs it and sends it on, "bypass" sends it on; a function decides (throw to fail it). */
export type UnhandledRequestStrategy = "error" | "warn" | "bypass" | ((request: Request) => void);

export interface MockDispatcherOptions {
  /** Default "error": a test never reaches the network by mistake. */
  onUnhandledRequest?: UnhandledRequestStrategy;
  /** Where "warn" and "bypass" send a request on (default undici's global dispatcher). */
  fallback?: Dispatcher;
}

/** No handler answered the request (onUnhandledRequest "error"). */
export class UnhandledRequestError extends Error {
  override readonly name = "UnhandledRequestError";

  constructor(method: string, url: string) {
    super(`no request handler answers ${method} ${url}; add one, or set onUnhandledRequest to "bypass"`);
  }
}

/** undici's default headers and body timeouts. */
const DEFAULT_TIMEOUT_MS = 300_000;

/** Calls `fire` after `ms` (0: never), without keeping the process alive, as undici's own timers. */
function timer(ms: number | null | undefined, fire: () => void): NodeJS.Timeout | undefined {
  const delay = ms ?? DEFAULT_TIMEOUT_MS;
  return delay > 0 ? setTimeout(fire, delay).unref() : undefined;
}

/** One request through the dispatcher: ends in exactly one of calls.end() or calls.error(). */
class MockedExchange {
  readonly #abortRequest = new AbortController();
  readonly controller = new DispatchController((reason) => this.fail(reason));
  #settled = false;

  constructor(readonly calls: HandlerCalls) {}

  get signal(): AbortSignal {
    return this.#abortRequest.signal;
  }

  fail(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#abortRequest.abort(error);
    this.calls.error(error);
  }

  end(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.calls.end();
  }

  /** The body chunk by chunk, waiting while the handler is paused; bodyTimeout between chunks, as a socket's. */
  async stream(body: ReadableStream<Uint8Array> | null, timeoutMs: number | null | undefined): Promise<void> {
    if (body) {
      const reader = body.getReader();
      this.signal.addEventListener("abort", () => void reader.cancel().catch(() => undefined));
      for (;;) {
        await this.controller.whenFlowing();
        if (this.controller.aborted) return;
        const overdue = timer(timeoutMs, () => this.controller.abort(new errors.BodyTimeoutError()));
        const chunk = await reader.read().finally(() => clearTimeout(overdue));
        if (chunk.done || this.controller.aborted) break;
        this.calls.data(Buffer.from(chunk.value));
      }
    }
    this.end();
  }

  /** Hands the request to another dispatcher; this exchange's controller steers that one from now on. */
  forward(to: Dispatcher, opts: Dispatcher.DispatchOptions): void {
    to.dispatch(opts, {
      onRequestStart: (upstream) => this.controller.steer(upstream),
      onResponseStart: (_, status, headers, statusText) => this.calls.headers(status, headers as Record<string, string | string[]>, statusText ?? ""),
      onResponseData: (_, chunk) => this.calls.data(chunk),
      onResponseEnd: () => this.end(),
      onResponseError: (_, error) => this.fail(error),
    });
  }
}

export class MockDispatcher extends Dispatcher {
  readonly #initial: RequestHandler[];
  #handlers: RequestHandler[];
  readonly #options: MockDispatcherOptions;
  #closed = false;

  constructor(handlers: readonly RequestHandler[], options: MockDispatcherOptions = {}) {
    super();
    this.#initial = [...handlers];
    this.#handlers = this.#initial;
    this.#options = options;
  }

  /** Handlers answered before the others (as msw's server.use()), until resetHandlers(). */
  use(...handlers: RequestHandler[]): void {
    this.#handlers = [...handlers, ...this.#handlers];
  }

  /** Back to the handlers it was made with. */
  resetHandlers(): void {
    this.#handlers = this.#initial;
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const calls = handlerCalls(handler);
    if (this.#closed) {
      calls.error(new errors.ClientClosedError());
      return false;
    }
    void this.#exchange(opts, new MockedExchange(calls));
    return true;
  }

  async #exchange(opts: Dispatcher.DispatchOptions, exchange: MockedExchange): Promise<void> {
    const { controller } = exchange;
    exchange.calls.start(controller);
    if (controller.aborted) return;
    const overdue = timer(opts.headersTimeout, () => controller.abort(new errors.HeadersTimeoutError()));
    try {
      const body = await bufferedBody(opts.body);
      const request = fetchRequest(opts, body, exchange.signal);
      const response = await answerFrom(this.#handlers, request);
      clearTimeout(overdue);
      if (controller.aborted) return;
      if (!response) return this.#unhandled({ ...opts, body: body as Dispatcher.DispatchOptions["body"] }, exchange);
      if (response.type === "error") return exchange.fail(new errors.SocketError("the mocked response is a network error (Response.error())"));
      exchange.calls.headers(response.status, responseHeaders(response), response.statusText);
      await exchange.stream(opts.method === "HEAD" ? null : response.body, opts.bodyTimeout);
    } catch (error) {
      exchange.fail(error as Error);
    } finally {
      clearTimeout(overdue);
    }
  }

  #unhandled(opts: Dispatcher.DispatchOptions, exchange: MockedExchange): void {
    const strategy = this.#options.onUnhandledRequest ?? "error";
    const unhandled = new UnhandledRequestError(opts.method, requestUrl(opts));
    if (strategy === "error") return exchange.fail(unhandled);
    if (typeof strategy === "function") {
      try {
        strategy(fetchRequest(opts, opts.body as string | undefined, exchange.signal));
      } catch (error) {
        return exchange.fail(error as Error);
      }
    }
    if (strategy === "warn") console.warn(`[agent-connectors] ${unhandled.message}: sending it to the network`);
    exchange.forward(this.#options.fallback ?? getGlobalDispatcher(), opts);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.#closed = true;
    if (!callback) return Promise.resolve();
    queueMicrotask(callback);
  }

  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
    const callback = typeof first === "function" ? first : second;
    return callback ? this.close(callback) : this.close();
  }
}

/** An undici Dispatcher answering from these msw handlers, first match wins: pass it as connect()'s `dispatcher`. */
export function mockDispatcher(handlers: readonly RequestHandler[], options?: MockDispatcherOptions): MockDispatcher {
  return new MockDispatcher(handlers, options);
}
