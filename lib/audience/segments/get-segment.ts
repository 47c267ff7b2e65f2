import { and, eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { segments, type Segment } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { segmentIdSchema, type RuleGroup } from "./rules-schema";

/** A segment by id AND org; another org's id is NOT_FOUND. */
export async function findSegment(orgId: string, segmentId: string, on: Db | Tx = db): Promise<Segment & { rules: RuleGroup }> {
  const [row] = await on
    .select()
    .from(segments)
    .where(and(eq(segments.id, segmentId), eq(segments.orgId, orgId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "Segment not found.");
  return row as Segment & { rules: RuleGroup };
}

export async function getSegment(actor: Actor, input: { segmentId: string }) {
  const { segmentId } = segmentIdSchema.parse(input);
  return findSegment(actor.orgId, segmentId);
}
