import { eq } from "drizzle-orm";
import { db } from "@/db";
import { campaigns, orgs, type CampaignSchedule } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/orgs/actor";
import { toCampaignView, type CampaignView } from "./campaign-view";
import { loadCampaign } from "./load-campaign";
import { authorize } from "./permissions";
import { campaignIdSchema } from "./schemas";
import { zoneFor } from "./schedule/compute-send-time";
import { wallClockToInstant } from "./schedule/zoned-time";

/**
 * Times of a copied schedule that have already passed are dropped, so the copy does not launch
 * into a window that is over. Wall-clock times are judged by the org's clock.
 */
export function freshSchedule(s: CampaignSchedule, orgTimezone: string, now = new Date()): CampaignSchedule {
  const tz = zoneFor(orgTimezone, "UTC");
  const past = (iso: string | null) => iso !== null && new Date(iso) <= now;
  const pastLocal = (local: string | null) => local !== null && wallClockToInstant(local, tz) <= now;
  return {
    ...s,
    startAt: past(s.startAt) ? null : s.startAt,
    finishAt: past(s.finishAt) ? null : s.finishAt,
    startLocal: pastLocal(s.startLocal) ? null : s.startLocal,
    finishLocal: pastLocal(s.finishLocal) ? null : s.finishLocal,
  };
}

/**
 * A new draft "Copy of <name>" with the same template, audience, pool and schedule (times that
 * have passed cleared). Any member may; any status may be copied, which is how a sent or
 * cancelled campaign is sent again.
 */
export async function duplicateCampaign(actor: Actor, input: { id: string }): Promise<CampaignView> {
  authorize(actor, "edit");
  const { id } = campaignIdSchema.parse(input);
  return db.transaction(async (tx) => {
    const source = await loadCampaign(tx, actor.orgId, id);
    const [org] = await tx.select({ timezone: orgs.timezone }).from(orgs).where(eq(orgs.id, actor.orgId));
    const [row] = await tx
      .insert(campaigns)
      .values({
        orgId: actor.orgId,
        name: `Copy of ${source.name}`.slice(0, 200),
        channel: source.channel,
        templateId: source.templateId,
        audience: source.audience,
        senderIds: source.senderIds,
        schedule: freshSchedule(source.schedule, org?.timezone ?? "UTC"),
        createdById: actor.userId,
      })
      .returning();
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "campaign.duplicated", targetType: "campaign", targetId: row.id, data: { from: source.id } });
    return toCampaignView(tx, row);
  });
}
