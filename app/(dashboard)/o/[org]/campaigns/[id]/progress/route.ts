import { NextResponse } from "next/server";
import { errorResponse, routeOrg } from "@/app/_lib/route-org";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { toLiveCampaign } from "../../campaign-page-data";

/** GET -> the campaign's status, progress counts and stats, polled by the progress bar. Another org's campaign -> 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await routeOrg(slug);
  if (ctx instanceof NextResponse) return ctx;
  try {
    return NextResponse.json(toLiveCampaign(await getCampaign(ctx.actor, { id })), { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
