import { NextResponse } from "next/server";
import { auth } from "@/app/_lib/auth";
import { toErrorBody } from "@/lib/errors";
import { getOrgContext, type OrgContext } from "@/lib/orgs/get-org-context";

/**
 * The tenant for a route handler under /o/[org]: the signed-in user's membership of the org in
 * the URL. No session -> 401; not a member (or no such org) -> the same 404 as a missing org.
 */
export async function routeOrg(slug: string): Promise<OrgContext | NextResponse> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "Sign in first." } }, { status: 401 });
  const ctx = await getOrgContext(userId, slug);
  if (!ctx) return NextResponse.json({ error: { code: "NOT_FOUND", message: "That organization does not exist or you are not a member." } }, { status: 404 });
  return ctx;
}

export function errorResponse(e: unknown): NextResponse {
  const { status, body } = toErrorBody(e);
  return NextResponse.json(body, { status });
}

/** A streamed CSV download from an async generator of text. */
export function csvResponse(fileName: string, lines: AsyncGenerator<string>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const safe = fileName.replace(/[^\w.-]+/g, "_");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safe}"`,
      "Cache-Control": "no-store",
    },
  });
}
