import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { campaigns } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { loadCampaign } from "./load-campaign";
import { authorize } from "./permissions";
import { campaignIdSchema } from "./schemas";

/**
 * Deletes a draft (any member). A launched campaign keeps its row: its messages, events and
 * counters are the record of what was sent (cancel it to stop it).
 */
export async function deleteCampaign(actor: Actor, input: { id: string }): Promise<void> {
  authorize(actor, "delete");
  const { id } = campaignIdSchema.parse(input);
  await db.transaction(async (tx) => {
    const row = await loadCampaign(tx, actor.orgId, id, { forUpdate: true });
    if (row.status !== "draft") throw new AppError("CONFLICT", "Only drafts can be deleted. Cancel the campaign to stop it instead.");
    await tx.delete(campaigns).where(and(eq(campaigns.id, row.id), eq(campaigns.orgId, actor.orgId)));
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "campaign.deleted", targetType: "campaign", targetId: row.id });
  });
}
