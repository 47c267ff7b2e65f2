import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { segments } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { isUniqueViolation } from "../lists/unique-violation";
import { segmentNameTaken } from "./create-segment";
import { prepareSegment } from "./prepare-segment";
import { updateSegmentSchema } from "./rules-schema";

/** Renames a segment and/or replaces its rules (checked and compiled like on create). */
export async function updateSegment(actor: Actor, input: z.input<typeof updateSegmentSchema>) {
  const { segmentId, name, rules } = updateSegmentSchema.parse(input);
  const prepared = rules === undefined ? undefined : await prepareSegment(actor.orgId, rules);
  try {
    return await db.transaction(async (tx) => {
      const [segment] = await tx
        .update(segments)
        .set({ ...(name !== undefined ? { name } : {}), ...(prepared ? { rules: prepared.rules } : {}), updatedAt: sql`now()` })
        .where(and(eq(segments.id, segmentId), eq(segments.orgId, actor.orgId)))
        .returning();
      if (!segment) throw new AppError("NOT_FOUND", "Segment not found.");
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "segment.updated", targetType: "segment", targetId: segment.id, data: { name: segment.name } });
      return segment;
    });
  } catch (e) {
    if (name !== undefined && isUniqueViolation(e)) throw segmentNameTaken(name);
    throw e;
  }
}
