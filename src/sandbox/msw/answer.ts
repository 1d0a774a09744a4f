/** msw's getResponse as its own interceptors use it: a resolver that throws gets msw's 500 answer (a thrown Response is the answer). */
import { getResponse, type RequestHandler } from "msw";

function thrownAnswer(error: unknown): Response {
  if (error instanceof Response) return error;
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return Response.json({ name, message, stack }, { status: 500, statusText: "Unhandled Exception" });
}

/** msw's passthrough() answer: the handler declined, the request should go to the network. */
const isPassthrough = (response: Response) => response.status === 302 && response.headers.get("x-msw-intention") === "passthrough";

/** The first handler's answer to the request; undefined when none answers (or one passes it through). */
export async function answerFrom(handlers: RequestHandler[], request: Request): Promise<Response | undefined> {
  const response = await getResponse(handlers, request).catch(thrownAnswer);
  return response && !isPassthrough(response) ? response : undefined;
}
