import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { lists } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { listIdSchema } from "./list-schemas";

/**
 * Deletes the list and its memberships (ON DELETE CASCADE); the contacts stay. Saved segments
 * that name the list keep working: nobody is a member of it any more.
 */
export async function deleteList(actor: Actor, input: z.input<typeof listIdSchema>) {
  const { listId } = listIdSchema.parse(input);
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(lists)
      .where(and(eq(lists.id, listId), eq(lists.orgId, actor.orgId)))
      .returning({ id: lists.id, name: lists.name, memberCount: lists.memberCount });
    if (!gone) throw new AppError("NOT_FOUND", "List not found.");
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "list.deleted", targetType: "list", targetId: gone.id, data: { name: gone.name, members: gone.memberCount } });
    return gone;
  });
}
