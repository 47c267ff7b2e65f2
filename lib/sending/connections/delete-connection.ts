import { and, count, eq } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections, senders } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { loadConnection } from "./load-connection";
import { authorize } from "./permissions";
import { pgError } from "@/db/errors";
import { connectionIdSchema } from "./schemas";

const inUse = (n: number) =>
  `This connection is used by ${n === 1 ? "one sender" : `${n} senders`}. Move ${n === 1 ? "it" : "them"} to another connection or delete ${n === 1 ? "it" : "them"} first.`;

/**
 * Deletes a connection (owners and admins). One that senders still use is a CONFLICT naming how
 * many: their queued mail would have nowhere to go. The foreign key (ON DELETE RESTRICT) holds the
 * same rule against a sender created concurrently.
 */
export async function deleteConnection(actor: Actor, input: { id: string }) {
  authorize(actor, "manageConnections");
  const { id } = connectionIdSchema.parse(input);
  try {
    await db.transaction(async (tx) => {
      const row = await loadConnection(tx, actor.orgId, id, { forUpdate: true });
      const [{ n }] = await tx.select({ n: count() }).from(senders).where(and(eq(senders.orgId, actor.orgId), eq(senders.connectionId, row.id)));
      if (n > 0) throw new AppError("CONFLICT", inUse(n));
      await tx.delete(providerConnections).where(and(eq(providerConnections.id, row.id), eq(providerConnections.orgId, actor.orgId)));
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "provider_connection.deleted", targetType: "provider_connection", targetId: row.id, data: { name: row.name } });
    });
  } catch (e) {
    if (pgError(e).code === "23503") throw new AppError("CONFLICT", "This connection is used by a sender. Move or delete the sender first.");
    throw e;
  }
}
