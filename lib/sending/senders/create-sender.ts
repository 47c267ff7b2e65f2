import { db } from "@/db";
import { senders } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { ensureOutboxConnection } from "@/lib/sending/connections/ensure-outbox-connection";
import { authorize } from "./permissions";
import { senderInputSchema, type SenderInput } from "./schemas";
import { checkedConnection } from "./sender-connection";
import { toSenderView, type SenderView } from "./sender-view";

/**
 * Adds a sender (owners and admins). Without a connection it sends through the org's outbox,
 * created on first use, so a fresh org can send (to the outbox) without configuring anything.
 */
export async function createSender(actor: Actor, input: SenderInput): Promise<SenderView> {
  authorize(actor, "manageSenders");
  const data = senderInputSchema.parse(input);
  // Outside the transaction: it commits on its own and is idempotent.
  const connectionId = data.connectionId ?? (await ensureOutboxConnection(actor.orgId))?.id;
  if (!connectionId) throw new AppError("VALIDATION", "Choose a provider connection.", { connectionId: "Choose a provider connection." });
  return db.transaction(async (tx) => {
    const conn = await checkedConnection(tx, actor.orgId, connectionId, data);
    const [row] = await tx
      .insert(senders)
      .values({
        orgId: actor.orgId,
        channel: data.channel,
        connectionId: conn.id,
        fromName: data.fromName,
        fromEmail: data.fromEmail,
        smsSenderId: data.smsSenderId,
        ratePerSecond: data.ratePerSecond,
        dailyCap: data.dailyCap,
        status: data.status,
      })
      .returning();
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "sender.created", targetType: "sender", targetId: row.id, data: { channel: row.channel } });
    return toSenderView(row, conn);
  });
}
