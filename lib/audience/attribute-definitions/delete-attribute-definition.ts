import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db, query } from "@/db";
import { contactAttributes } from "@/db/schema";
import { authorize } from "@/lib/audience/contacts/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { attributeIdSchema } from "./schemas";

/**
 * Removes a declaration (admins and owners) and its values from every contact of the org, in one
 * statement: an undeclared value left behind would make those contacts fail validation on edit.
 */
export async function deleteAttributeDefinition(actor: Actor, input: z.input<typeof attributeIdSchema>) {
  authorize(actor, "manageAttributes");
  const { id } = attributeIdSchema.parse(input);
  return db.transaction(async (tx) => {
    const [def] = await tx
      .delete(contactAttributes)
      .where(and(eq(contactAttributes.id, id), eq(contactAttributes.orgId, actor.orgId)))
      .returning();
    if (!def) throw new AppError("NOT_FOUND", "That attribute does not exist in this organization.");
    const [row] = await query<{ n: number }>(
      sql`WITH u AS (UPDATE contacts SET attributes = attributes - ${def.key}::text, updated_at = now()
          WHERE org_id = ${actor.orgId} AND attributes ? ${def.key}::text RETURNING 1)
          SELECT count(*)::int AS n FROM u`,
      tx,
    );
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "attribute.deleted", targetType: "attribute", targetId: def.id, data: { key: def.key, cleared: row?.n ?? 0 } });
    return { key: def.key, cleared: row?.n ?? 0 };
  });
}
