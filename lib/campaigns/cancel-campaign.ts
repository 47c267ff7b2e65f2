import { and, eq, sql } from "drizzle-orm";
import { db, query } from "@/db";
import { campaigns, creditLedger } from "@/db/schema";
import { refundCredits } from "@/lib/billing/refund-credits";
import type { Actor } from "@/lib/orgs/actor";
import { toCampaignView, type CampaignView } from "./campaign-view";
import { changeStatus } from "./change-status";
import { authorize } from "./permissions";
import { campaignIdSchema } from "./schemas";

/**
 * Cancels a scheduled, sending or paused campaign (any member): every message still queued
 * becomes `cancelled` in one statement, and the counters move with it. Rows a dispatch batch has
 * already claimed (`sending`) finish their attempt; everything else never goes. If the launch
 * paid with credits (its `campaign:<id>` ledger entry exists), the cancelled messages' credits
 * come back, once (`campaign-cancel:<id>`).
 */
export async function cancelCampaign(actor: Actor, input: { id: string }): Promise<CampaignView> {
  authorize(actor, "control");
  const { id } = campaignIdSchema.parse(input);
  const row = await db.transaction(async (tx) => {
    const { after } = await changeStatus(tx, actor, id, ["scheduled", "sending", "paused"], "cancelled");
    const [{ n }] = await query<{ n: number }>(
      sql`WITH cancelled AS (
            UPDATE messages SET status = 'cancelled', last_error = 'The campaign was cancelled.', updated_at = now()
            WHERE campaign_id = ${after.id} AND org_id = ${actor.orgId} AND status = 'queued'
            RETURNING 1
          )
          SELECT count(*)::int AS n FROM cancelled`,
      tx,
    );
    const cancelled = Number(n);
    if (cancelled === 0) return after;
    const [paid] = await tx
      .select({ id: creditLedger.id })
      .from(creditLedger)
      .where(and(eq(creditLedger.orgId, actor.orgId), eq(creditLedger.key, `campaign:${after.id}`)));
    if (paid) await refundCredits(tx, { orgId: actor.orgId, amount: cancelled, key: `campaign-cancel:${after.id}`, reason: `Campaign "${after.name}" cancelled` });
    const [updated] = await tx
      .update(campaigns)
      .set({ cancelledCount: sql`${campaigns.cancelledCount} + ${cancelled}`, queuedCount: sql`${campaigns.queuedCount} - ${cancelled}` })
      .where(and(eq(campaigns.id, after.id), eq(campaigns.orgId, actor.orgId)))
      .returning();
    return updated;
  });
  return toCampaignView(db, row);
}
