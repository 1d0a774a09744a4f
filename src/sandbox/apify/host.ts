/**
 * The api.apify.com/v2 host, for the one call the connectors make: run an actor synchronously and get its
 * dataset items (POST /acts/{actorId}/run-sync-get-dataset-items?token=...). Apify answers 201 with a JSON
 * array. Runs are billed to the Apify account at the actor's rates, never to the caller of this host's API.
 * (The real endpoint answers 408 after 300 s; sandbox actors finish at once.)
 */
import type { HttpHandler } from "msw";
import { simulatedHost, type Exchange, type Recorder } from "../exchange.js";
import { bearerToken } from "../http.js";
import { actorNotFound, invalidInput, pageNotFound, tokenNotValid, type ApifyReply } from "./errors.js";

/** An actor's input failed its input schema: Apify answers 400 invalid-input with this message. */
export class ActorInputError extends Error {}

export interface ApifyActor {
  /** The dataset items of one run; throws ActorInputError for input the actor rejects. */
  run(input: Record<string, unknown>): unknown[];
}

export interface ApifyHost {
  token: string;
  /** By actor id in its URL form, "username~actor-name". */
  actors: Record<string, ApifyActor>;
}

/** The real host, which the connectors' manifests declare. */
export const APIFY_URL = "https://api.apify.com/v2";

function parseInput(rawBody: string): Record<string, unknown> {
  if (rawBody.trim() === "") return {};
  let input: unknown;
  try {
    input = JSON.parse(rawBody);
  } catch {
    throw new ActorInputError("Input is not valid: the request body is not valid JSON");
  }
  if (typeof input === "object" && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  throw new ActorInputError("Input is not valid: the request body must be a JSON object");
}

function runActor(host: ApifyHost, request: Exchange, actorId: string): ApifyReply {
  const token = request.query.token ?? bearerToken(request.headers);
  if (token !== host.token) return tokenNotValid(Boolean(token));
  // Apify accepts "username/actor-name" URL-encoded as well as "username~actor-name".
  const actor = host.actors[actorId.replace("/", "~")];
  if (!actor) return actorNotFound();
  try {
    return { status: 201, body: actor.run(parseInput(request.rawBody)) };
  } catch (error) {
    if (error instanceof ActorInputError) return invalidInput(error.message);
    throw error;
  }
}

/** The run-sync endpoint, then Apify's page-not-found for every other path. */
export function apifyHandlers(host: ApifyHost, record: Recorder): HttpHandler[] {
  const apify = simulatedHost(APIFY_URL, record);
  return [
    apify.route("POST", "/acts/:actorId/run-sync-get-dataset-items", (exchange, params) => runActor(host, exchange, params.actorId!)),
    apify.otherPaths((exchange) => pageNotFound(exchange.method, exchange.path)),
  ];
}
