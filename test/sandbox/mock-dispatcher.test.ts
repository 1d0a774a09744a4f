/**
 * mockDispatcher: msw handlers answering undici inside the process, with the network's contract: status, headers,
 * a streamed body with back-pressure, headers and body timeouts, abort, network errors, and unhandled requests.
 */
import { http, HttpResponse, passthrough } from "msw";
import { MockAgent, request } from "undici";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockDispatcher, UnhandledRequestError } from "../../src/sandbox/msw/dispatcher.js";

const API = "https://api.example.test";

/** A few turns of the event loop: whatever the dispatcher would do unprompted, it has done. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A body of `count` chunks of 64 KiB, counting how many were pulled from it. */
function countedBody(count: number) {
  const chunk = new Uint8Array(65_536).fill(120);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled++ === count) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("answers", () => {
  it("carry status, headers (repeated Set-Cookie too) and body; the handler sees method, path params, query, headers and body", async () => {
    let seen: unknown;
    const dispatcher = mockDispatcher([
      http.post(`${API}/items/:id`, async ({ request, params }) => {
        seen = { method: request.method, id: params.id, q: new URL(request.url).searchParams.get("q"), header: request.headers.get("x-test"), body: await request.json() };
        const headers = new Headers({ "x-request-id": "r-1" });
        headers.append("set-cookie", "a=1");
        headers.append("set-cookie", "b=2");
        return HttpResponse.json({ created: true }, { status: 201, headers });
      }),
    ]);
    const response = await request(`${API}/items/7?q=x`, { method: "POST", headers: { "x-test": "yes", "content-type": "application/json" }, body: '{"a":1}', dispatcher });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toMatchObject({ "x-request-id": "r-1", "set-cookie": ["a=1", "b=2"], "content-type": "application/json" });
    expect(await response.body.json()).toEqual({ created: true });
    expect(seen).toEqual({ method: "POST", id: "7", q: "x", header: "yes", body: { a: 1 } });
  });

  it("stream the body with back-pressure: nothing more is pulled while the reader waits, and every byte arrives", async () => {
    const { stream, counter } = countedBody(100);
    const dispatcher = mockDispatcher([http.get(`${API}/big`, () => new HttpResponse(stream))]);
    const response = await request(`${API}/big`, { dispatcher });
    await settle();
    expect(counter.pulled).toBeLessThan(10);
    let bytes = 0;
    for await (const chunk of response.body) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(100 * 65_536);
  });

  it("come from handlers added with use() first, until resetHandlers()", async () => {
    const dispatcher = mockDispatcher([http.get(`${API}/who`, () => HttpResponse.text("base"))]);
    dispatcher.use(http.get(`${API}/who`, () => HttpResponse.text("this test's")));
    expect(await (await request(`${API}/who`, { dispatcher })).body.text()).toBe("this test's");
    dispatcher.resetHandlers();
    expect(await (await request(`${API}/who`, { dispatcher })).body.text()).toBe("base");
  });

  it("turn Response.error() into a network error and a throwing handler into msw's 500", async () => {
    const dispatcher = mockDispatcher([
      http.get(`${API}/down`, () => HttpResponse.error()),
      http.get(`${API}/bug`, () => {
        throw new TypeError("handler bug");
      }),
    ]);
    await expect(request(`${API}/down`, { dispatcher })).rejects.toMatchObject({ code: "UND_ERR_SOCKET" });
    const bug = await request(`${API}/bug`, { dispatcher });
    expect(bug.statusCode).toBe(500);
    expect(await bug.body.json()).toMatchObject({ name: "TypeError", message: "handler bug" });
  });
});

describe("timeouts and abort", () => {
  it("fail with undici's headers timeout when no answer comes in time", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const dispatcher = mockDispatcher([http.get(`${API}/slow`, () => new Promise<Response>(() => {}))]);
    const pending = request(`${API}/slow`, { dispatcher, headersTimeout: 5_000 });
    const outcome = expect(pending).rejects.toMatchObject({ code: "UND_ERR_HEADERS_TIMEOUT" });
    await vi.advanceTimersByTimeAsync(5_000);
    await outcome;
  });

  it("fail with undici's body timeout when the body stalls between chunks", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const stalled = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode("first")) });
    const dispatcher = mockDispatcher([http.get(`${API}/stalls`, () => new HttpResponse(stalled))]);
    const response = await request(`${API}/stalls`, { dispatcher, bodyTimeout: 5_000 });
    const outcome = expect(response.body.text()).rejects.toMatchObject({ code: "UND_ERR_BODY_TIMEOUT" });
    await vi.advanceTimersByTimeAsync(5_000);
    await outcome;
  });

  it("end a request waiting for its answer with the caller's reason, and abort the handler's request", async () => {
    let handlerSignal: AbortSignal | undefined;
    let started!: () => void;
    const waiting = new Promise<void>((resolve) => (started = resolve));
    const dispatcher = mockDispatcher([
      http.get(`${API}/wait`, ({ request }) => {
        handlerSignal = request.signal;
        started();
        return new Promise<Response>(() => {});
      }),
    ]);
    const cancel = new AbortController();
    const pending = request(`${API}/wait`, { dispatcher, signal: cancel.signal });
    await waiting;
    cancel.abort(new Error("the user cancelled"));
    await expect(pending).rejects.toThrow("the user cancelled");
    expect(handlerSignal!.aborted).toBe(true);
  });
});

describe("unhandled requests", () => {
  const network = () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get(API).intercept({ path: "/elsewhere" }).reply(200, "from the network").persist();
    return agent;
  };

  it("fail by default, naming the request", async () => {
    const failure = request(`${API}/elsewhere`, { dispatcher: mockDispatcher([]) });
    await expect(failure).rejects.toBeInstanceOf(UnhandledRequestError);
    await expect(failure).rejects.toThrow(`no request handler answers GET ${API}/elsewhere`);
  });

  it("go on to the fallback dispatcher with bypass or warn, or when a handler passes through", async () => {
    const fallback = network();
    const bypass = mockDispatcher([], { onUnhandledRequest: "bypass", fallback });
    expect(await (await request(`${API}/elsewhere`, { dispatcher: bypass })).body.text()).toBe("from the network");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const warning = mockDispatcher([], { onUnhandledRequest: "warn", fallback });
    expect(await (await request(`${API}/elsewhere`, { dispatcher: warning })).body.text()).toBe("from the network");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`GET ${API}/elsewhere`));
    const declined = mockDispatcher([http.get(`${API}/elsewhere`, () => passthrough())], { onUnhandledRequest: "bypass", fallback });
    expect(await (await request(`${API}/elsewhere`, { dispatcher: declined })).body.text()).toBe("from the network");
  });

  it("are decided by a function, which fails them by throwing", async () => {
    const seen: string[] = [];
    const strict = mockDispatcher([], {
      onUnhandledRequest: (unhandled) => {
        seen.push(unhandled.url);
        throw new Error("not in this test");
      },
    });
    await expect(request(`${API}/elsewhere`, { dispatcher: strict })).rejects.toThrow("not in this test");
    expect(seen).toEqual([`${API}/elsewhere`]);
  });
});
