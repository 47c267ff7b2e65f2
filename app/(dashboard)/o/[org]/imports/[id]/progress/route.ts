import { NextResponse } from "next/server";
import { getImportProgress } from "@/lib/audience/imports/get-import";
import { errorResponse, routeOrg } from "@/app/_lib/route-org";

/** GET -> the import's status and counts, polled by the progress bar. Another org's import -> 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await routeOrg(slug);
  if (ctx instanceof NextResponse) return ctx;
  try {
    return NextResponse.json(await getImportProgress(ctx.actor, id), { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
