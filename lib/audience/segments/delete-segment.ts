import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { segments } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { segmentIdSchema } from "./rules-schema";

/** Deleting a segment touches no contact: a segment is only a saved question. */
export async function deleteSegment(actor: Actor, input: z.input<typeof segmentIdSchema>) {
  const { segmentId } = segmentIdSchema.parse(input);
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(segments)
      .where(and(eq(segments.id, segmentId), eq(segments.orgId, actor.orgId)))
      .returning({ id: segments.id, name: segments.name });
    if (!gone) throw new AppError("NOT_FOUND", "Segment not found.");
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "segment.deleted", targetType: "segment", targetId: gone.id, data: { name: gone.name } });
    return gone;
  });
}
