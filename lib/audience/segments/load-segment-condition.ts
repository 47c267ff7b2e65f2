import { and, eq, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { segments } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { compileSegment } from "./compile-segment";
import { loadSegmentContext } from "./prepare-segment";
import { segmentRulesSchema } from "./rules-schema";

/**
 * A saved segment's condition over the alias `contacts`, for `WHERE contacts.org_id = ... AND (<cond>)`.
 * Loaded by id AND org: another org's segment id is NOT_FOUND. A list deleted since the segment
 * was saved is not an error: nobody is a member of it any more. An attribute whose declaration
 * was removed is (VALIDATION, naming the rule): its type, and so the comparison, is unknown.
 */
export async function loadSegmentCondition(orgId: string, segmentId: string): Promise<SQL> {
  const [row] = await db
    .select({ rules: segments.rules })
    .from(segments)
    .where(and(eq(segments.id, segmentId), eq(segments.orgId, orgId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "Segment not found.");
  const rules = segmentRulesSchema.parse(row.rules);
  const ctx = await loadSegmentContext(orgId, rules, false);
  return compileSegment(rules, ctx).condition;
}
