import type { z } from "zod";
import { db } from "@/db";
import { segments } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { isUniqueViolation } from "../lists/unique-violation";
import { prepareSegment } from "./prepare-segment";
import { segmentInputSchema } from "./rules-schema";

export const segmentNameTaken = (name: string) =>
  new AppError("CONFLICT", `A segment named "${name}" already exists.`, { name: "Another segment already has this name." });

/** Any member may manage segments. The rules are compiled before saving, so a stored tree always compiled once. */
export async function createSegment(actor: Actor, input: z.input<typeof segmentInputSchema>) {
  const { name, rules } = segmentInputSchema.parse(input);
  const prepared = await prepareSegment(actor.orgId, rules);
  try {
    return await db.transaction(async (tx) => {
      const [segment] = await tx.insert(segments).values({ orgId: actor.orgId, name, rules: prepared.rules }).returning();
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "segment.created", targetType: "segment", targetId: segment.id, data: { name } });
      return segment;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw segmentNameTaken(name);
    throw e;
  }
}
