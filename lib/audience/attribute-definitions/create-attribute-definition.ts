import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { contactAttributes } from "@/db/schema";
import { authorize } from "@/lib/audience/contacts/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { createAttributeSchema } from "./schemas";

/** Declares a custom attribute (admins and owners). Contact values are checked against its type from then on. */
export async function createAttributeDefinition(actor: Actor, input: z.input<typeof createAttributeSchema>) {
  authorize(actor, "manageAttributes");
  const { key, label, type } = createAttributeSchema.parse(input);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: contactAttributes.id })
      .from(contactAttributes)
      .where(and(eq(contactAttributes.orgId, actor.orgId), eq(contactAttributes.key, key)));
    if (existing) throw new AppError("CONFLICT", `"${key}" is already declared.`, { key: "An attribute with this name already exists." });
    const [row] = await tx.insert(contactAttributes).values({ orgId: actor.orgId, key, label, type }).onConflictDoNothing().returning();
    if (!row) throw new AppError("CONFLICT", `"${key}" is already declared.`, { key: "An attribute with this name already exists." });
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "attribute.created", targetType: "attribute", targetId: row.id, data: { key, type } });
    return row;
  });
}
