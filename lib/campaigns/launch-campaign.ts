import { and, eq, sql } from "drizzle-orm";
import { db, query, type Tx } from "@/db";
import { campaigns, type Campaign, type CampaignContent } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { upgradePath } from "@/lib/billing/limits";
import { takeCredits } from "@/lib/billing/take-credits";
import { appUrl } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { dispatchSystemEmails } from "@/lib/mail/queue-system-email";
import type { QueuedEmail } from "@/lib/notifications/raise-notification";
import type { Actor } from "@/lib/orgs/actor";
import { kickDispatch } from "@/lib/sending/dispatch/kick-dispatch";
import { prepareTracking } from "@/lib/tracking/prepare-tracking";
import { toCampaignView, type CampaignView } from "./campaign-view";
import { COUNTS_FROM_BASE, intakeRowsSql, toCounts, tuneForIntake, type CountsRow, type IntakeCounts, type IntakeSpec } from "./intake-sql";
import { prepareIntake, problemError } from "./intake-plan";
import { loadCampaign } from "./load-campaign";
import { authorize } from "./permissions";
import { campaignIdSchema } from "./schemas";

/**
 * The intake in one statement: the audience rows (intake-sql.ts) materialized once, then
 * - one INSERT INTO messages ... SELECT of every recipient that gets a message: deduplicated by
 *   construction (one row per contact, however many lists or segments hold it), with
 *   `scheduled_for`, `expires_at` and `moved` from the schedule and the sender (sticky, or spread);
 * - the new sticky assignments (ON CONFLICT DO NOTHING: a concurrent launch may have written one);
 * - the counts, from the same rows.
 * No `queued` event per message: the row's `created_at` is when it was queued, and a second
 * million-row insert would double the cost of the launch.
 */
function intakeStatement(spec: IntakeSpec, campaignId: string) {
  return sql`
    WITH base AS MATERIALIZED (${intakeRowsSql(spec)}),
    ins AS (
      INSERT INTO messages (org_id, campaign_id, contact_id, channel, sender_id, to_address, status, scheduled_for, expires_at, moved)
      SELECT ${spec.orgId}, ${campaignId}, contact_id, ${spec.channel}, sender_id, to_address, 'queued', sch_at, sch_expires, sch_moved
      FROM base WHERE ok
    ),
    sticky AS (
      INSERT INTO contact_senders (org_id, contact_id, channel, sender_id)
      SELECT ${spec.orgId}, contact_id, ${spec.channel}, sender_id
      FROM base WHERE ok AND sticky_sender IS NULL AND sender_id IS NOT NULL
      ON CONFLICT DO NOTHING
    )
    ${COUNTS_FROM_BASE}`;
}

export const INSUFFICIENT_CREDITS = "Insufficient credits.";

/** Hobby pays up front, one credit per queued message, in the launch's transaction. */
async function payForLaunch(tx: Tx, c: Campaign, queued: number, org: { credits: number; slug: string }): Promise<QueuedEmail[]> {
  try {
    const { emails } = await takeCredits(tx, { orgId: c.orgId, amount: queued, key: `campaign:${c.id}`, reason: `Campaign "${c.name}"` });
    return emails;
  } catch (e) {
    if (isAppError(e) && e.code === "INSUFFICIENT_CREDITS") {
      const msg = `${INSUFFICIENT_CREDITS} This campaign needs ${queued.toLocaleString("en-US")} credits; you have ${org.credits.toLocaleString("en-US")}. Upgrade for more: ${upgradePath(org.slug)}`;
      throw new AppError("INSUFFICIENT_CREDITS", msg);
    }
    throw e;
  }
}

function nobodyMessage(n: IntakeCounts): string {
  const reasons = [
    n.excludedByStatus && `${n.excludedByStatus} not subscribed`,
    n.suppressed && `${n.suppressed} suppressed`,
    n.skippedWindowPassed && `${n.skippedWindowPassed} past the finish time`,
    n.skippedOutsideHours && `${n.skippedOutsideHours} outside their business hours`,
  ].filter(Boolean);
  return `No one in this audience would receive the campaign${reasons.length ? ` (${reasons.join(", ")})` : ""}.`;
}

/**
 * Launches a draft (any member): checks it can go (postal address for e-mail, a template of the
 * channel with sound merge tags, an active sender in the pool, an audience), freezes the
 * template's content and click targets, writes every message row in one statement, takes Hobby
 * credits, and moves the campaign to `scheduled` (first send later) or `sending`. All in one
 * transaction: a refusal anywhere (too few credits, nobody to send to) leaves nothing behind.
 * After the commit, dispatch is started for every sender that got rows.
 */
export async function launchCampaign(actor: Actor, input: { id: string }): Promise<{ campaign: CampaignView; queued: number }> {
  authorize(actor, "launch");
  const { id } = campaignIdSchema.parse(input);
  const done = await db.transaction(async (tx) => {
    const campaign = await loadCampaign(tx, actor.orgId, id, { forUpdate: true });
    if (campaign.status !== "draft") throw new AppError("CONFLICT", "This campaign has already been launched.");
    // Launches of one org and channel take turns. Two at once would each see no sticky sender
    // for a contact new to both, pick one each from their own pools, and the contact would hear
    // from two mailboxes (the second assignment is dropped by ON CONFLICT, its messages are not).
    // Taken before the intake statement starts, whose snapshot then sees the other's assignments.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`campaign-launch:${actor.orgId}:${campaign.channel}`}))`);
    const plan = await prepareIntake(tx, campaign);
    if (plan.problems.length || !plan.spec || !plan.content) throw problemError(plan.problems[0] ?? { message: "This campaign cannot be launched." });

    await tuneForIntake(tx);
    const [row] = await query<CountsRow>(intakeStatement(plan.spec, campaign.id), tx);
    const counts = toCounts(row);
    if (counts.queued === 0) throw new AppError("VALIDATION", nobodyMessage(counts));

    const emails = plan.plan.monthlyCredits !== null ? await payForLaunch(tx, campaign, counts.queued, plan.org) : [];
    const content: CampaignContent = plan.content;
    // The dispatch step renders link i of this list as click target i: frozen with the content.
    const links = campaign.channel === "email" ? prepareTracking(content.html ?? "", appUrl()).links : [];
    const [updated] = await tx
      .update(campaigns)
      .set({
        status: counts.startsLater ? "scheduled" : "sending",
        content,
        links,
        totalCount: counts.queued,
        queuedCount: counts.queued,
        suppressedCount: counts.suppressed + counts.excludedByStatus,
        skippedCount: counts.skippedWindowPassed + counts.skippedOutsideHours,
        movedCount: counts.moved,
        launchedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(campaigns.id, campaign.id), eq(campaigns.orgId, actor.orgId)))
      .returning();
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "campaign.launched",
      targetType: "campaign",
      targetId: campaign.id,
      data: { queued: counts.queued, suppressed: counts.suppressed, excludedByStatus: counts.excludedByStatus, skipped: updated.skippedCount },
    });
    return { row: updated, queued: counts.queued, senderIds: counts.bySender.flatMap((s) => (s.senderId ? [s.senderId] : [])), emails };
  });
  await dispatchSystemEmails(done.emails);
  await kickDispatch(done.senderIds);
  return { campaign: await toCampaignView(db, done.row), queued: done.queued };
}
