// GET /api/v1/campaigns?status=&cursor= -> { items, nextCursor }: the key's org's campaigns, newest first.
import { withApi } from "@/lib/api/with-api";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { listCampaignsSchema } from "@/lib/campaigns/schemas";

export const dynamic = "force-dynamic";

export const GET = withApi("GET /v1/campaigns", ({ actor, request }) => {
  const q = new URL(request.url).searchParams;
  const input = listCampaignsSchema.parse({ status: q.get("status") ?? undefined, cursor: q.get("cursor") ?? undefined });
  return listCampaigns(actor, input);
});
