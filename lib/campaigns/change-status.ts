import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { campaigns, type Campaign, type CampaignStatus } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { loadCampaign } from "./load-campaign";

const VERB: Record<string, string> = { paused: "paused", sending: "resumed", cancelled: "cancelled" };

/**
 * Moves a locked campaign from one of `from` to `to`, or refuses (CONFLICT) saying what state it
 * is in. The row lock orders this against a launch or another change of the same campaign.
 */
export async function changeStatus(
  tx: Tx,
  actor: Actor,
  id: string,
  from: CampaignStatus[],
  to: CampaignStatus,
): Promise<{ before: Campaign; after: Campaign }> {
  const before = await loadCampaign(tx, actor.orgId, id, { forUpdate: true });
  if (!from.includes(before.status)) {
    throw new AppError("CONFLICT", `This campaign is ${before.status === "draft" ? "a draft" : before.status}; it cannot be ${VERB[to] ?? to}.`);
  }
  const [after] = await tx
    .update(campaigns)
    .set({ status: to, updatedAt: sql`now()`, ...(to === "cancelled" ? { finishedAt: sql`now()` } : {}) })
    .where(and(eq(campaigns.id, before.id), eq(campaigns.orgId, actor.orgId)))
    .returning();
  await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: `campaign.${VERB[to] ?? to}`, targetType: "campaign", targetId: before.id });
  return { before, after };
}
