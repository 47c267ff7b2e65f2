import { db } from "@/db";
import type { Actor } from "@/lib/orgs/actor";
import { toCampaignView, type CampaignView } from "./campaign-view";
import { loadCampaign } from "./load-campaign";
import { authorize } from "./permissions";
import { campaignIdSchema } from "./schemas";

/** One campaign of the actor's org with its progress (the page polls this while it sends). */
export async function getCampaign(actor: Actor, input: { id: string }): Promise<CampaignView> {
  authorize(actor, "view");
  const { id } = campaignIdSchema.parse(input);
  return toCampaignView(db, await loadCampaign(db, actor.orgId, id));
}
