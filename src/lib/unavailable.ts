/**
 * A page that answers 503 (the database could not be reached: the answers typed are shown again,
 * nothing is lost) tells browsers and other clients when to try again, as the JSON API does
 * (functions/lib/api-responses.ts, also 30 seconds).
 */
export const RETRY_AFTER_SECONDS = 30;

/** The response, with Retry-After when it is a 503 without one. */
export function withRetryAfter(response: Response): Response {
  if (response.status !== 503 || response.headers.has('retry-after')) return response;
  try {
    response.headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
    return response;
  } catch {
    // Immutable headers (a response made by fetch): copy it.
    const headers = new Headers(response.headers);
    headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
