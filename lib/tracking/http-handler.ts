import type { IncomingMessage, ServerResponse } from "node:http";
import { hitRecorder, type HitRecorder } from "./hit-recorder";
import { PIXEL_GIF, PIXEL_HEADERS } from "./pixel";
import { isOpenToken, NOT_FOUND_HEADERS, NOT_FOUND_HTML, peekClick, redirectHeaders, trackClick, trackOpen } from "./track-hit";
import { FROM_PAGE_PARAM, FROM_PAGE_VALUE, unsubscribePost } from "./unsubscribe-post";

/**
 * The hot paths, answered by plain Node before Next sees the request (server.ts):
 *   GET|HEAD /t/o/<token>   the open pixel
 *   GET|HEAD /t/c/<token>   the click redirect
 *   POST     /u/<token>     unsubscribe (RFC 8058 one-click, and the page's own form)
 * A Next route handler costs about 25 times a bare Node answer; these paths get a hit per
 * recipient and per click, in bursts, so they skip it. Returns false for anything else, which
 * the caller hands to Next. The same logic runs as route handlers (app/t, app/u) for
 * deployments without server.ts.
 */
export function handleLeanRequest(req: IncomingMessage, res: ServerResponse, recorder: HitRecorder = hitRecorder()): boolean {
  const url = req.url ?? "";
  if (url.startsWith("/t/o/")) serveOpen(req, res, tokenAt(url, 5), recorder);
  else if (url.startsWith("/t/c/")) serveClick(req, res, tokenAt(url, 5), recorder);
  else if (req.method === "POST" && url.startsWith("/u/") && isSingleSegment(url, 3)) serveUnsubscribe(req, res, url);
  else return false;
  return true;
}

/** The path segment from `start` to the query; "" (never a token) when more path follows. */
function tokenAt(url: string, start: number): string {
  const q = url.indexOf("?", start);
  const token = q === -1 ? url.slice(start) : url.slice(start, q);
  return token.includes("/") ? "" : token;
}

const isSingleSegment = (url: string, start: number) => tokenAt(url, start) !== "";

function serveOpen(req: IncomingMessage, res: ServerResponse, token: string, recorder: HitRecorder) {
  if (req.method === "HEAD") {
    if (isOpenToken(token)) res.writeHead(200, PIXEL_HEADERS).end();
    else res.writeHead(404, NOT_FOUND_HEADERS).end();
    return;
  }
  if (req.method !== "GET") return methodNotAllowed(res);
  trackOpen(token, req.headers["user-agent"], recorder).then(
    (ok) => (ok ? res.writeHead(200, PIXEL_HEADERS).end(PIXEL_GIF) : notFound(res)),
    (e) => failed(res, e),
  );
}

function serveClick(req: IncomingMessage, res: ServerResponse, token: string, recorder: HitRecorder) {
  if (req.method !== "GET" && req.method !== "HEAD") return methodNotAllowed(res);
  const target = req.method === "HEAD" ? peekClick(token) : trackClick(token, req.headers["user-agent"], recorder);
  target.then(
    (location) => (location ? res.writeHead(302, redirectHeaders(location)).end() : notFound(res)),
    (e) => failed(res, e),
  );
}

/** The body is never needed (see unsubscribe-post.ts) but is read to the end, within a limit. */
const MAX_UNSUBSCRIBE_BODY = 64 * 1024;

function serveUnsubscribe(req: IncomingMessage, res: ServerResponse, url: string) {
  const token = tokenAt(url, 3);
  const query = url.indexOf("?");
  const fromPage = query !== -1 && new URLSearchParams(url.slice(query + 1)).get(FROM_PAGE_PARAM) === FROM_PAGE_VALUE;
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_UNSUBSCRIBE_BODY && !res.headersSent) {
      res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).end("Request body too large.\n");
      req.destroy();
    }
  });
  req.on("end", () => {
    if (res.headersSent) return;
    unsubscribePost(token, fromPage).then(
      (answer) => res.writeHead(answer.status, answer.headers).end(answer.body),
      (e) => failed(res, e),
    );
  });
}

function notFound(res: ServerResponse) {
  res.writeHead(404, NOT_FOUND_HEADERS).end(NOT_FOUND_HTML);
}

function methodNotAllowed(res: ServerResponse) {
  res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }).end("Method not allowed.\n");
}

/** The hit could not be recorded (the database is down): say so, so nothing counts it as served. */
function failed(res: ServerResponse, e: unknown) {
  console.error("[tracking] could not record", e);
  if (!res.headersSent) res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" }).end("Try again shortly.\n");
  else res.end();
}
