import { and, eq, sql } from "drizzle-orm";
import { db, query } from "@/db";
import { contactSenders, senders } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { pgError } from "@/db/errors";
import { loadSender } from "./load-sender";
import { authorize } from "./permissions";
import { senderIdSchema } from "./schemas";

/**
 * Deletes a sender (owners and admins). Refused while it has unsent messages or sits in the pool
 * of a campaign that is not over (they would wait for it forever): pause it instead. Its daily
 * counts and sticky assignments go with it (contact_senders has no key to it, see the schema);
 * sent messages keep their history with the sender left empty.
 */
export async function deleteSender(actor: Actor, input: { id: string }) {
  authorize(actor, "manageSenders");
  const { id } = senderIdSchema.parse(input);
  try {
    await db.transaction(async (tx) => {
      const row = await loadSender(tx, actor.orgId, id, { forUpdate: true });
      const [use] = await query<{ unsent: boolean; pooled: boolean }>(
        sql`select
              exists (select 1 from messages where sender_id = ${row.id} and status in ('queued', 'sending')) as unsent,
              exists (select 1 from campaigns where org_id = ${actor.orgId} and ${row.id} = any(sender_ids)
                        and status in ('draft', 'scheduled', 'sending', 'paused')) as pooled`,
        tx,
      );
      if (use.unsent) throw new AppError("CONFLICT", "This sender still has messages waiting to go out. Pause it instead, or cancel those campaigns first.");
      if (use.pooled) throw new AppError("CONFLICT", "This sender is in the pool of a campaign that is not finished. Remove it from that campaign or pause the sender instead.");
      await tx.delete(contactSenders).where(eq(contactSenders.senderId, row.id));
      await tx.delete(senders).where(and(eq(senders.id, row.id), eq(senders.orgId, actor.orgId)));
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "sender.deleted", targetType: "sender", targetId: row.id });
    });
  } catch (e) {
    if (pgError(e).code === "23503") throw new AppError("CONFLICT", "This sender has messages or campaigns that refer to it. Pause it instead.");
    throw e;
  }
}
