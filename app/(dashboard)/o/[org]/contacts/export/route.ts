import { NextResponse } from "next/server";
import { exportContacts } from "@/lib/audience/export/export-contacts";
import { csvResponse, errorResponse, routeOrg } from "@/app/_lib/route-org";

/**
 * GET ?q=&status=&tag=&listId=&operatorCode=&segmentId= -> the matching contacts as a streamed
 * CSV attachment. A list or segment of another org -> 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await routeOrg(slug);
  if (ctx instanceof NextResponse) return ctx;
  try {
    const { fileName, lines } = await exportContacts(ctx.actor, Object.fromEntries(new URL(request.url).searchParams));
    return csvResponse(fileName, lines);
  } catch (e) {
    return errorResponse(e);
  }
}
