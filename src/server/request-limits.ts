/**
 * The hosted API's own input limits, checked before any store work: the request body's size (413), and the ids and
 * names in a request's path and query (400 for control characters such as NUL, which no id has and PostgreSQL text
 * cannot hold; 400 for a path segment longer than any id).
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { nameProblem } from "../runtime/limits.js";
import { ApiError, badRequest } from "./errors.js";

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_PATH_SEGMENT = 256;
const MAX_QUERY_VALUE = 4096;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A 413 past `maxSize`; the rest of the body is never read, so the connection cannot carry another request. */
export function requestBodyLimit(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      c.header("Connection", "close");
      throw new ApiError(413, "E_TOO_LARGE", `the request body is over ${maxSize} bytes`);
    },
  });
}

/** Every decoded path segment and query value: printable, and of a sane length. */
export const checkPathAndQuery: MiddlewareHandler = async (c, next) => {
  for (const segment of decodedSegments(c)) {
    if (CONTROL.test(segment)) throw badRequest("the request path holds control characters (such as NUL); no id or name has them");
    if (segment.length > MAX_PATH_SEGMENT) throw badRequest(`a path segment is longer than ${MAX_PATH_SEGMENT} characters; no id is`);
  }
  for (const [name, values] of Object.entries(c.req.queries()))
    for (const value of [name, ...values]) {
      if (CONTROL.test(value)) throw badRequest(`the query parameter ${JSON.stringify(name)} holds control characters (such as NUL); no id or name has them`);
      if (value.length > MAX_QUERY_VALUE) throw badRequest(`the query parameter ${JSON.stringify(name)} is longer than ${MAX_QUERY_VALUE} characters`);
    }
  await next();
};

function decodedSegments(c: Context): string[] {
  return new URL(c.req.url).pathname.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw badRequest("the request path is not valid percent-encoding");
    }
  });
}

/** A name or id sent in a body (user_id, name, entity, ...): printable and at most 128 characters, or a 400 naming it. */
export function checkBodyName(field: string, value: string): string {
  const problem = nameProblem(value);
  if (problem) throw badRequest(`${field} ${problem}`);
  return value;
}
