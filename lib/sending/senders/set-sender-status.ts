import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections, senders } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/orgs/actor";
import { loadSender } from "./load-sender";
import { authorize } from "./permissions";
import { senderStatusSchema } from "./schemas";
import { toSenderView, type SenderView } from "./sender-view";

/**
 * Pause or resume a sender (owners and admins). Paused, its queued messages wait for it (they are
 * never moved to another sender). Resuming a failing sender is how a person says the problem is
 * fixed: it goes back to active and dispatch tries again; the last error stays for the record.
 */
export async function setSenderStatus(actor: Actor, input: { id: string; status: "active" | "paused" }): Promise<SenderView> {
  authorize(actor, "manageSenders");
  const { id, status } = senderStatusSchema.parse(input);
  return db.transaction(async (tx) => {
    const current = await loadSender(tx, actor.orgId, id, { forUpdate: true });
    const [row] = await tx
      .update(senders)
      .set({ status, updatedAt: sql`now()` })
      .where(and(eq(senders.id, current.id), eq(senders.orgId, actor.orgId)))
      .returning();
    const [conn] = await tx
      .select()
      .from(providerConnections)
      .where(and(eq(providerConnections.id, row.connectionId), eq(providerConnections.orgId, actor.orgId)));
    if (current.status !== status) {
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: status === "paused" ? "sender.paused" : "sender.resumed", targetType: "sender", targetId: row.id });
    }
    return toSenderView(row, conn ?? null);
  });
}
