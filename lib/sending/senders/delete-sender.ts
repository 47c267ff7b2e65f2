import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { senders } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { pgError } from "@/lib/sending/connections/pg-error";
import { loadSender } from "./load-sender";
import { authorize } from "./permissions";
import { senderIdSchema } from "./schemas";

/**
 * Deletes a sender (owners and admins). Its daily counts go with it. Rows that still refer to it
 * (messages, campaign pools) refuse the delete through their foreign keys: pause it instead.
 */
export async function deleteSender(actor: Actor, input: { id: string }) {
  authorize(actor, "manageSenders");
  const { id } = senderIdSchema.parse(input);
  try {
    await db.transaction(async (tx) => {
      const row = await loadSender(tx, actor.orgId, id, { forUpdate: true });
      await tx.delete(senders).where(and(eq(senders.id, row.id), eq(senders.orgId, actor.orgId)));
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "sender.deleted", targetType: "sender", targetId: row.id });
    });
  } catch (e) {
    if (pgError(e).code === "23503") throw new AppError("CONFLICT", "This sender has messages or campaigns that refer to it. Pause it instead.");
    throw e;
  }
}
