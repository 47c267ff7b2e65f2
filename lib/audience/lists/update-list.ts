import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { lists } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { listNameTaken } from "./create-list";
import { updateListSchema } from "./list-schemas";
import { isUniqueViolation } from "./unique-violation";

/** Rename, describe, or switch double opt-in; the members and the public token stay. */
export async function updateList(actor: Actor, input: z.input<typeof updateListSchema>) {
  const { listId, name, description, doubleOptIn } = updateListSchema.parse(input);
  try {
    return await db.transaction(async (tx) => {
      const [list] = await tx
        .update(lists)
        .set({
          ...(name !== undefined ? { name } : {}),
          ...("description" in input ? { description } : {}),
          ...(doubleOptIn !== undefined ? { doubleOptIn } : {}),
          updatedAt: sql`now()`,
        })
        .where(and(eq(lists.id, listId), eq(lists.orgId, actor.orgId)))
        .returning();
      if (!list) throw new AppError("NOT_FOUND", "List not found.");
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "list.updated", targetType: "list", targetId: list.id, data: { name: list.name, doubleOptIn: list.doubleOptIn } });
      return list;
    });
  } catch (e) {
    if (name !== undefined && isUniqueViolation(e)) throw listNameTaken(name);
    throw e;
  }
}
