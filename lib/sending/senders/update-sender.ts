import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { senders, type Sender } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/orgs/actor";
import { loadSender } from "./load-sender";
import { authorize } from "./permissions";
import { senderIdSchema, senderInputSchema, type SenderInput } from "./schemas";
import { checkedConnection } from "./sender-connection";
import { toSenderView, type SenderView } from "./sender-view";

export type UpdateSenderInput = { id: string } & Partial<Omit<SenderInput, "channel">>;

const asInput = (s: Sender): SenderInput => ({
  channel: s.channel,
  connectionId: s.connectionId,
  fromName: s.fromName ?? undefined,
  fromEmail: s.fromEmail ?? undefined,
  smsSenderId: s.smsSenderId ?? undefined,
  ratePerSecond: Number(s.ratePerSecond),
  dailyCap: s.dailyCap,
  // A failing sender keeps failing until resumed; an edit alone does not clear it.
  status: s.status === "paused" ? "paused" : "active",
});

/**
 * Changes a sender (owners and admins). Omitted fields keep their value and the merged sender is
 * validated whole. The channel stays: a sender's recipients were assigned to it for that channel.
 */
export async function updateSender(actor: Actor, input: UpdateSenderInput): Promise<SenderView> {
  authorize(actor, "manageSenders");
  const { id } = senderIdSchema.parse(input);
  return db.transaction(async (tx) => {
    const current = await loadSender(tx, actor.orgId, id, { forUpdate: true });
    const given = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== "id" && k !== "channel"));
    const data = senderInputSchema.parse({ ...asInput(current), ...given, channel: current.channel });
    const conn = await checkedConnection(tx, actor.orgId, data.connectionId ?? current.connectionId, data);
    const keepFailing = current.status === "failing" && data.status === "active" && given.status === undefined;
    const [row] = await tx
      .update(senders)
      .set({
        connectionId: conn.id,
        fromName: data.fromName,
        fromEmail: data.fromEmail,
        smsSenderId: data.smsSenderId,
        ratePerSecond: data.ratePerSecond,
        dailyCap: data.dailyCap,
        status: keepFailing ? "failing" : data.status,
        updatedAt: sql`now()`,
      })
      .where(and(eq(senders.id, current.id), eq(senders.orgId, actor.orgId)))
      .returning();
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "sender.updated", targetType: "sender", targetId: row.id });
    return toSenderView(row, conn);
  });
}
