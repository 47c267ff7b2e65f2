import { PIXEL_GIF, PIXEL_HEADERS } from "./pixel";
import { NOT_FOUND_HEADERS, NOT_FOUND_HTML, redirectHeaders } from "./track-hit";
import type { PlainAnswer } from "./unsubscribe-post";

// The answers of the tracking route handlers (app/t, app/u), the Fetch-API twins of what
// http-handler.ts writes to a Node response: same status codes, same headers, same bodies.

const PIXEL_BYTES = new Uint8Array(PIXEL_GIF);

export const pixelResponse = (withBody = true) => new Response(withBody ? PIXEL_BYTES : null, { status: 200, headers: PIXEL_HEADERS });

export const notFoundResponse = (withBody = true) => new Response(withBody ? NOT_FOUND_HTML : null, { status: 404, headers: NOT_FOUND_HEADERS });

export const redirectResponse = (location: string) => new Response(null, { status: 302, headers: redirectHeaders(location) });

export const answerResponse = (a: PlainAnswer) => new Response(a.body || null, { status: a.status, headers: a.headers });

/** The hit could not be recorded (the database is down): nothing may count it as served. */
export function unavailableResponse(e: unknown) {
  console.error("[tracking] could not record", e);
  return new Response("Try again shortly.\n", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" },
  });
}
