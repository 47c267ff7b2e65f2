import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { suppressions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { decodeId } from "@/lib/ids";
import type { Actor } from "@/lib/orgs/actor";
import { requireSuppressionManager } from "./permissions";
import { removeSuppressionSchema } from "./schemas";

/**
 * Lets an address be mailed again. An `erased` entry never goes: it is all that is left of an
 * erased person, and the promise of erasure is that no later import or form can reach them again.
 */
export async function removeSuppression(actor: Actor, input: z.input<typeof removeSuppressionSchema>) {
  requireSuppressionManager(actor, "remove suppressions");
  const { id } = removeSuppressionSchema.parse(input);
  const numericId = decodeId("sup", id);
  if (!numericId) throw new AppError("NOT_FOUND", "That suppression does not exist in this organization.");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.id, numericId), eq(suppressions.orgId, actor.orgId)))
      .for("update");
    if (!row) throw new AppError("NOT_FOUND", "That suppression does not exist in this organization.");
    if (row.reason === "erased") {
      throw new AppError("FORBIDDEN", "This address was erased at the person's request (GDPR). It stays suppressed so it can never be mailed again.");
    }
    await tx.delete(suppressions).where(and(eq(suppressions.id, row.id), eq(suppressions.orgId, actor.orgId)));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "suppression.removed",
      targetType: "suppression",
      targetId: id,
      data: { channel: row.channel, address: row.address, reason: row.reason },
    });
  });
}
