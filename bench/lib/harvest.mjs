/** The Harvest connector as the benchmarks use it against the loopback upstream, and the raw requests it is compared with. */
import { request } from "undici";
import { connect } from "../../dist/index.js";

/** What the upstream accepts; the fixed bench credentials of the personal_access_token variant. */
export const CREDENTIALS = { token: "bench-token", account_id: "1001" };
export const ENV_CREDENTIALS = { HARVEST_ACCESS_TOKEN: CREDENTIALS.token, HARVEST_ACCOUNT_ID: CREDENTIALS.account_id };

/** connect("harvest") on the upstream, without client-side pacing (the upstream sets no limit). */
export function harvestOn(baseUrl, dispatcher, options = {}) {
  return connect("harvest", { baseUrl, dispatcher, rateLimit: false, credentials: CREDENTIALS, ...options });
}

/**
 * The request execute() puts on the wire for this call, seen by an interceptor on the same pool: the raw variant
 * replays exactly it (method, URL, every header), so both sides send the same bytes.
 */
export async function wireRequestOf(baseUrl, dispatcher, entity, action, params) {
  let seen;
  const recording = dispatcher.compose((dispatch) => (options, handler) => ((seen ??= options), dispatch(options, handler)));
  await harvestOn(baseUrl, recording).execute(entity, action, params);
  return { url: new URL(seen.path, seen.origin).toString(), method: seen.method, headers: seen.headers };
}

/** The raw side: undici.request on the same pool, the whole body read and parsed. */
export async function rawCall(wire, dispatcher) {
  const response = await request(wire.url, { method: wire.method, headers: wire.headers, dispatcher });
  return JSON.parse(await response.body.text());
}
