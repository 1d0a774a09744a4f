/**
 * A hosted execute's total deadline: one signal that aborts when the client goes away (with its reason) or when the
 * deadline passes (with a TimeoutError), so the runtime stops waiting, sleeping and sending at once.
 */
import { TimeoutError } from "../errors.js";

export const DEFAULT_EXECUTE_TIMEOUT_SECONDS = 60;

export interface Deadline {
  signal: AbortSignal;
  clear(): void;
}

export function executeDeadline(client: AbortSignal, seconds: number): Deadline {
  const controller = new AbortController();
  const ms = seconds * 1000;
  const timer = setTimeout(
    () => controller.abort(new TimeoutError(`the call took longer than this server's ${seconds} s limit per execute (--execute-timeout); it was stopped`, ms)),
    ms,
  );
  timer.unref();
  const gone = () => controller.abort(client.reason);
  if (client.aborted) gone();
  else client.addEventListener("abort", gone, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      client.removeEventListener("abort", gone);
    },
  };
}
