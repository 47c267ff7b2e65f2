import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import type { Actor } from "@/lib/orgs/actor";
import { COUNTS_FROM_BASE, intakeRowsSql, toCounts, tuneForIntake, type CountsRow, type IntakeCounts } from "./intake-sql";
import { creditsShort, prepareIntake } from "./intake-plan";
import { loadCampaign } from "./load-campaign";
import { authorize } from "./permissions";
import { campaignIdSchema } from "./schemas";

export type CampaignReview = {
  /** Messages a launch now would queue: after statuses, suppressions, exclusions and the schedule. */
  recipients: number;
  suppressed: number;
  /** Audience members left out for their status: unsubscribed, bounced, complained, pending. */
  excludedByStatus: number;
  /** Sends business hours move later than the window's start. */
  moved: number;
  skippedOutsideHours: number;
  skippedWindowPassed: number;
  bySender: { senderId: string; count: number }[];
  /** Why the campaign cannot launch as it is; empty when it can. */
  problems: string[];
};

const NOTHING: IntakeCounts = { queued: 0, excludedByStatus: 0, suppressed: 0, skippedWindowPassed: 0, skippedOutsideHours: 0, moved: 0, startsLater: false, bySender: [] };

/**
 * The review step: exactly what a launch now would do, by running the intake's own query as a
 * SELECT with aggregates (nothing written), plus everything that would stop the launch.
 */
export async function reviewCampaign(actor: Actor, input: { id: string }): Promise<CampaignReview> {
  authorize(actor, "view");
  const { id } = campaignIdSchema.parse(input);
  return db.transaction(async (tx) => {
    const campaign = await loadCampaign(tx, actor.orgId, id);
    const plan = await prepareIntake(tx, campaign);
    const problems = plan.problems.map((p) => p.message);
    if (campaign.status !== "draft") problems.unshift("This campaign has already been launched.");
    let counts = NOTHING;
    if (plan.spec) {
      await tuneForIntake(tx);
      const [row] = await query<CountsRow>(sql`WITH base AS MATERIALIZED (${intakeRowsSql(plan.spec)}) ${COUNTS_FROM_BASE}`, tx);
      counts = toCounts(row);
    }
    const audienceProblem = plan.problems.some((p) => p.field?.startsWith("audience"));
    if (counts.queued === 0 && !audienceProblem) problems.push("No one in this audience would receive the campaign now.");
    if (plan.plan.monthlyCredits !== null && counts.queued > plan.org.credits) problems.push(creditsShort(counts.queued, plan.org.credits, plan.org.slug));
    return {
      recipients: counts.queued,
      suppressed: counts.suppressed,
      excludedByStatus: counts.excludedByStatus,
      moved: counts.moved,
      skippedOutsideHours: counts.skippedOutsideHours,
      skippedWindowPassed: counts.skippedWindowPassed,
      bySender: counts.bySender,
      problems,
    };
  });
}
