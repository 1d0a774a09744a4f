/** Answers that cannot be data: a 2xx that is not JSON, and bodies over the size cap, are UpstreamBodyErrors. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { UpstreamBodyError, UpstreamError, ValidationError } from "../../src/errors.js";
import { MockAgent } from "undici";
import { API, demo } from "./helpers.js";

/** A MockAgent answering GET /v1/items/1 once with this status, body text and content type. */
function answering(status: number, text: string, contentType: string): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent
    .get(API)
    .intercept({ path: "/v1/items/1", method: "GET" })
    .reply(status, text, { headers: { "content-type": contentType, "content-length": String(Buffer.byteLength(text)) } });
  return agent;
}

const getItem = (agent: MockAgent, options = {}) => demo({ dispatcher: agent, retries: 0, ...options }).execute("items", "get", { id: 1 });

describe("a 2xx whose body is not JSON", () => {
  it("is an UpstreamBodyError with the status and the first bytes, secrets redacted, never data", async () => {
    const page = `<html><body>Proxy error for key demo-secret-key${" padding".repeat(100)}</body></html>`;
    const error = await getItem(answering(200, page, "text/html; charset=utf-8")).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamBodyError);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.code).toBe("E_UPSTREAM_BODY");
    expect(error.status).toBe(200);
    expect(error.bodyStart).toMatch(/^<html><body>Proxy error for key \[redacted\]/);
    expect(error.bodyStart.length).toBeLessThanOrEqual(200);
    expect(error.message).toContain("text/html");
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain("demo-secret-key");
  });

  it("includes a JSON body cut short", async () => {
    const error = await getItem(answering(200, '{"item": {"id": 1, "name": "Bo', "application/json")).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamBodyError);
    expect(error.bodyStart).toBe('{"item": {"id": 1, "name": "Bo');
  });

  it("leaves an empty 2xx alone (data null), and a non-JSON error answer stays the API's error", async () => {
    await expect(getItem(answering(200, "", "text/plain"))).resolves.toMatchObject({ data: undefined, meta: { status: 200 } });
    const error = await getItem(answering(400, "Bad request: name missing", "text/plain")).catch((e) => e);
    expect(error.code).toBe("E_UPSTREAM");
    expect(error.upstreamMessage).toBe("Bad request: name missing");
  });
});

describe("the response size cap", () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  /** A server whose answer never ends: only a client that stops reading at its cap can finish the call. */
  async function endlessJson(): Promise<string> {
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, " ");
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on("drain", pump);
      res.write("[");
      pump();
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`;
  }

  it("refuses a body over maxResponseBytes while reading it, without reading on", async () => {
    const url = await endlessJson();
    const error = await demo({ baseUrl: url, retries: 0, maxResponseBytes: 256 * 1024 })
      .execute("items", "get", { id: 1 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamBodyError);
    expect(error).toMatchObject({ code: "E_UPSTREAM_BODY", status: 200, bodyStart: "" });
    expect(error.message).toMatch(/body over 262144 bytes \(the maxResponseBytes connect option\)/);
  });

  it("refuses at once a body whose Content-Length is over the cap", async () => {
    const agent = answering(200, JSON.stringify({ item: "x".repeat(5000) }), "application/json");
    const error = await getItem(agent, { maxResponseBytes: 1000 }).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamBodyError);
    await expect(getItem(answering(200, JSON.stringify({ item: { id: 1 } }), "application/json"), { maxResponseBytes: 1000 })).resolves.toMatchObject({
      data: { id: 1 },
    });
  });

  it("must be a whole number of bytes", () => {
    expect(() => demo({ maxResponseBytes: 0 })).toThrow(ValidationError);
    expect(() => demo({ maxResponseBytes: 1.5 })).toThrow(/maxResponseBytes: must be a whole number of bytes/);
  });
});

describe("a body of unknown length", () => {
  it("keeps a character whose bytes arrive in two chunks whole", async () => {
    const body = Buffer.from('{"item":{"id":1,"name":"Café über"}}');
    const split = body.indexOf(Buffer.from("é")) + 1;
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      // No content-length: chunked, and the é is cut between its two bytes.
      res.write(body.subarray(0, split), () => setImmediate(() => res.end(body.subarray(split))));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      expect((await demo({ baseUrl: base, retries: 0 }).execute("items", "get", { id: 1 })).data).toEqual({ id: 1, name: "Café über" });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
