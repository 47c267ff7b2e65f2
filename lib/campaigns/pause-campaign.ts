import { db } from "@/db";
import type { Actor } from "@/lib/orgs/actor";
import { toCampaignView, type CampaignView } from "./campaign-view";
import { changeStatus } from "./change-status";
import { authorize } from "./permissions";
import { campaignIdSchema } from "./schemas";

/**
 * Pauses a scheduled or sending campaign (any member). Dispatch claims only rows whose campaign
 * is scheduled or sending, so no new batch starts from the next claim on; a batch already
 * claimed (leased) finishes. Nothing is moved: resuming continues where it stopped.
 */
export async function pauseCampaign(actor: Actor, input: { id: string }): Promise<CampaignView> {
  authorize(actor, "control");
  const { id } = campaignIdSchema.parse(input);
  const row = await db.transaction(async (tx) => (await changeStatus(tx, actor, id, ["scheduled", "sending"], "paused")).after);
  return toCampaignView(db, row);
}
