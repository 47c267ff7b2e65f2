import { and, eq, sql } from "drizzle-orm";
import { db, query } from "@/db";
import { campaigns } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { finishCampaigns } from "@/lib/sending/dispatch/finish-campaigns";
import { kickDispatch } from "@/lib/sending/dispatch/kick-dispatch";
import { toCampaignView, type CampaignView } from "./campaign-view";
import { changeStatus } from "./change-status";
import { authorize } from "./permissions";
import { campaignIdSchema } from "./schemas";

/**
 * Resumes a paused campaign (any member): back to `sending`, or to `scheduled` when nothing of it
 * has gone yet and nothing is due (it was paused before its start), and dispatch started for
 * every sender that still holds queued rows of it (a sticky sender outside the pool included).
 * Rows whose finish passed while paused are cancelled by dispatch, never sent late. A campaign
 * whose last rows completed while it was paused is finished at once.
 */
export async function resumeCampaign(actor: Actor, input: { id: string }): Promise<CampaignView> {
  authorize(actor, "control");
  const { id } = campaignIdSchema.parse(input);
  const { row, senderIds } = await db.transaction(async (tx) => {
    const { after } = await changeStatus(tx, actor, id, ["paused"], "sending");
    await query(
      sql`UPDATE campaigns c SET status = 'scheduled'
          WHERE c.id = ${after.id} AND c.org_id = ${actor.orgId} AND c.sent_count = 0 AND c.failed_count = 0
            AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.campaign_id = c.id AND (m.status = 'sending' OR (m.status = 'queued' AND m.scheduled_for <= now())))`,
      tx,
    );
    const senders = await query<{ sender_id: string }>(
      sql`SELECT DISTINCT sender_id FROM messages WHERE campaign_id = ${after.id} AND org_id = ${actor.orgId} AND status = 'queued' AND sender_id IS NOT NULL`,
      tx,
    );
    await finishCampaigns(tx, [after.id]);
    const [current] = await tx.select().from(campaigns).where(and(eq(campaigns.id, after.id), eq(campaigns.orgId, actor.orgId)));
    return { row: current, senderIds: senders.map((s) => s.sender_id) };
  });
  await kickDispatch(senderIds);
  return toCampaignView(db, row);
}
