/** Injected failures for any sandbox: msw handlers placed before its own, answering an error or failing the connection. */
import type { HttpHandler } from "msw";
import { http } from "msw/core/http";
import { jsonResponse } from "./http.js";

export interface SandboxFault {
  /** The requests it hits: an msw path on the real host (wildcards allowed), e.g. "https://api.harvestapp.com/v2/users/me". */
  url: string;
  /** Only this HTTP method (default: any). */
  method?: string;
  /** The answer's status (default 503) and JSON body (default `{ "error": "sandbox fault" }`). */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A network error (the connection drops) instead of an answer. */
  network?: boolean;
  /** Only the first N matching requests fail (default: every one); later ones reach the sandbox. */
  times?: number;
}

export interface Faults {
  handlers: HttpHandler[];
  /** Counts every fault's `times` from zero again. */
  reset(): void;
}

export function faultHandlers(faults: readonly SandboxFault[]): Faults {
  const used = faults.map(() => 0);
  const handlers = faults.map((fault, index) =>
    http.all(fault.url, ({ request }) => {
      const hits = fault.method === undefined || request.method === fault.method.toUpperCase();
      if (!hits || used[index]! >= (fault.times ?? Infinity)) return undefined; // on to the sandbox's own handlers
      used[index]! += 1;
      if (fault.network) return Response.error();
      return jsonResponse(fault.status ?? 503, fault.body ?? { error: "sandbox fault" }, fault.headers);
    }),
  );
  return { handlers, reset: () => used.fill(0) };
}
