import type { z } from "zod";
import { db } from "@/db";
import { lists } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { randomToken } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { createListSchema } from "./list-schemas";
import { isUniqueViolation } from "./unique-violation";

export const listNameTaken = (name: string) => new AppError("CONFLICT", `A list named "${name}" already exists.`, { name: "Another list already has this name." });

/** A new, empty list with its own unguessable public subscribe token (`/s/<token>`). */
export async function createList(actor: Actor, input: z.input<typeof createListSchema>) {
  const { name, description, doubleOptIn } = createListSchema.parse(input);
  try {
    return await db.transaction(async (tx) => {
      const [list] = await tx.insert(lists).values({ orgId: actor.orgId, name, description, doubleOptIn, publicToken: randomToken(24) }).returning();
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "list.created", targetType: "list", targetId: list.id, data: { name } });
      return list;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw listNameTaken(name);
    throw e;
  }
}
