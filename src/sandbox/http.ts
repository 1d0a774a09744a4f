/** Small HTTP helpers shared by the simulated APIs: JSON answers, bodies, headers. */
import { randomUUID } from "node:crypto";

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

export function newRequestId(): string {
  return randomUUID().replaceAll("-", "");
}

/** A JSON answer; an undefined body is an empty body (Harvest answers DELETE that way). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = body === undefined ? "" : JSON.stringify(body);
  return new Response(text === "" ? null : text, {
    status,
    headers: { "Content-Type": JSON_CONTENT_TYPE, "Content-Length": String(Buffer.byteLength(text)), ...headers },
  });
}

export class InvalidBodyError extends Error {}

/** A JSON object body, or a form-encoded one (`key[]` repeated keys become arrays). */
export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw.trim() === "") return {};
  if ((contentType ?? "").includes("application/x-www-form-urlencoded")) return formToObject(raw);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new InvalidBodyError(`Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidBodyError("Request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function formToObject(raw: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (!key.endsWith("[]")) {
      result[key] = value;
      continue;
    }
    const name = key.slice(0, -2);
    const list = Array.isArray(result[name]) ? (result[name] as string[]) : [];
    list.push(value);
    result[name] = list;
  }
  return result;
}

/** Request headers with lower-case names and repeated values joined. */
export function headerRecord(headers: Headers): Record<string, string> {
  return Object.fromEntries(headers);
}

export function bearerToken(headers: Record<string, string>): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  return match?.[1];
}
