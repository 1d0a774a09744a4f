/**
 * The first handler's answer to a request, as msw's getResponse() resolves it (each handler's run(), in order, until
 * one answers) and as its interceptors finish it: a resolver that throws gets msw's 500 (a thrown Response is the
 * answer). Written here, over msw's public RequestHandler.run, because msw's main entry also loads its GraphQL and
 * WebSocket support, which costs every `--sandbox` CLI call a few hundred milliseconds.
 */
import { randomUUID } from "node:crypto";
import type { RequestHandler } from "msw";

function thrownAnswer(error: unknown): Response {
  if (error instanceof Response) return error;
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return Response.json({ name, message, stack }, { status: 500, statusText: "Unhandled Exception" });
}

/** msw's passthrough() answer: the handler declined, the request should go to the network. */
const isPassthrough = (response: Response) => response.status === 302 && response.headers.get("x-msw-intention") === "passthrough";

async function firstAnswer(handlers: readonly RequestHandler[], request: Request): Promise<Response | undefined> {
  const requestId = randomUUID();
  for (const handler of handlers) {
    const result = await handler.run({ request, requestId });
    if (result?.response) return result.response;
  }
  return undefined;
}

/** undefined when no handler answers (or one passes the request through). */
export async function answerFrom(handlers: readonly RequestHandler[], request: Request): Promise<Response | undefined> {
  const response = await firstAnswer(handlers, request).catch(thrownAnswer);
  return response && !isPassthrough(response) ? response : undefined;
}
