import { NextResponse } from "next/server";
import { streamFailedRows } from "@/lib/audience/imports/stream-failed-rows";
import { csvResponse, errorResponse, routeOrg } from "@/app/_lib/route-org";

/** GET -> the refused rows as CSV (original columns, line, reason). Another org's import -> 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await routeOrg(slug);
  if (ctx instanceof NextResponse) return ctx;
  try {
    const { fileName, lines } = await streamFailedRows(ctx.actor, id);
    return csvResponse(fileName, lines);
  } catch (e) {
    return errorResponse(e);
  }
}
