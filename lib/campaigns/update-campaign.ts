import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { campaigns } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { toCampaignView, type CampaignView } from "./campaign-view";
import { assertCampaignRefs } from "./check-refs";
import { loadCampaign } from "./load-campaign";
import { authorize } from "./permissions";
import { campaignIdSchema, campaignInputSchema, type UpdateCampaignInput } from "./schemas";

export const ONLY_DRAFTS_EDITABLE = "Only drafts can be edited. Duplicate this campaign to change and send it again.";

/**
 * Replaces the given fields of a draft (any member) and re-validates the whole, ids included.
 * Drafts only: once launched, the message rows are the campaign, and editing the row would
 * make it lie about what was sent.
 */
export async function updateCampaign(actor: Actor, input: UpdateCampaignInput): Promise<CampaignView> {
  authorize(actor, "edit");
  const { id } = campaignIdSchema.parse(input);
  return db.transaction(async (tx) => {
    const current = await loadCampaign(tx, actor.orgId, id, { forUpdate: true });
    if (current.status !== "draft") throw new AppError("CONFLICT", ONLY_DRAFTS_EDITABLE);
    const given = Object.fromEntries(Object.entries(input).filter(([k, v]) => k !== "id" && v !== undefined));
    const data = campaignInputSchema.parse({
      name: current.name,
      channel: current.channel,
      templateId: current.templateId,
      audience: current.audience,
      senderIds: current.senderIds,
      schedule: current.schedule,
      ...given,
    });
    await assertCampaignRefs(tx, actor.orgId, data);
    const [row] = await tx
      .update(campaigns)
      .set({ ...data, updatedAt: sql`now()` })
      .where(and(eq(campaigns.id, current.id), eq(campaigns.orgId, actor.orgId)))
      .returning();
    return toCampaignView(tx, row);
  });
}
