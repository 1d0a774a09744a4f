/** Apify API v2 error bodies: `{"error":{"type": ..., "message": ...}}`. */

export interface ApifyReply {
  status: number;
  body: unknown;
}

export const apifyError = (status: number, type: string, message: string): ApifyReply => ({ status, body: { error: { type, message } } });

export const tokenNotValid = (provided: boolean): ApifyReply =>
  apifyError(401, "token-not-valid", provided ? "Authentication token is not valid." : "Authentication token was not provided.");

export const actorNotFound = (): ApifyReply => apifyError(404, "record-not-found", "Actor was not found");

export const pageNotFound = (method: string, path: string): ApifyReply =>
  apifyError(404, "page-not-found", `We have bad news: there is no API endpoint at ${method} ${path}.`);

export const invalidInput = (message: string): ApifyReply => apifyError(400, "invalid-input", message);
