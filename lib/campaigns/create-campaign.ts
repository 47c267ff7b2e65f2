import { db } from "@/db";
import { campaigns } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/orgs/actor";
import { toCampaignView, type CampaignView } from "./campaign-view";
import { assertCampaignRefs } from "./check-refs";
import { authorize } from "./permissions";
import { campaignInputSchema, type CampaignInput } from "./schemas";

/**
 * A new draft (any member). Its content follows the template until launch, which snapshots it;
 * every id it names is checked to be the org's own and of the campaign's channel.
 */
export async function createCampaign(actor: Actor, input: CampaignInput): Promise<CampaignView> {
  authorize(actor, "edit");
  const data = campaignInputSchema.parse(input);
  return db.transaction(async (tx) => {
    await assertCampaignRefs(tx, actor.orgId, data);
    const [row] = await tx
      .insert(campaigns)
      .values({
        orgId: actor.orgId,
        name: data.name,
        channel: data.channel,
        templateId: data.templateId,
        audience: data.audience,
        senderIds: data.senderIds,
        schedule: data.schedule,
        createdById: actor.userId,
      })
      .returning();
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "campaign.created", targetType: "campaign", targetId: row.id, data: { channel: row.channel } });
    return toCampaignView(tx, row);
  });
}
