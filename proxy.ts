import { NextResponse, type NextRequest } from "next/server";

/**
 * POST /u/<token> (the RFC 8058 one-click target and the unsubscribe page's form) goes to the
 * route handler at /u/<token>/post: the page owns GET /u/<token>, and a page and a route handler
 * cannot share a path. When server.ts runs, its lean handler answers these POSTs before Next
 * (and this proxy) sees them; this keeps them working on a plain `next start`.
 * Not an authorization layer: it only routes by method.
 */
export function proxy(request: NextRequest) {
  if (request.method !== "POST") return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/post`;
  return NextResponse.rewrite(url);
}

export const config = { matcher: "/u/:token" };
