import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { segments } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { compileSegment } from "./compile-segment";
import { countWhere } from "./count-segment";
import { loadSegmentContext } from "./prepare-segment";
import { segmentRulesSchema } from "./rules-schema";

export type SegmentSummary = { id: string; name: string; updatedAt: Date; count: number | null; error: string | null };

/**
 * The org's saved segments with their live counts: one count per segment, which is fine for the
 * handful an org keeps. A segment that no longer compiles (an attribute was undeclared) shows why.
 */
export async function listSegments(actor: Actor, opts: { withCounts?: boolean } = {}): Promise<SegmentSummary[]> {
  const rows = await db.select().from(segments).where(eq(segments.orgId, actor.orgId)).orderBy(asc(segments.name));
  const out: SegmentSummary[] = [];
  for (const s of rows) {
    const base = { id: s.id, name: s.name, updatedAt: s.updatedAt };
    if (opts.withCounts === false) {
      out.push({ ...base, count: null, error: null });
      continue;
    }
    try {
      const rules = segmentRulesSchema.parse(s.rules);
      const { condition } = compileSegment(rules, await loadSegmentContext(actor.orgId, rules, false));
      out.push({ ...base, count: await countWhere(actor.orgId, condition), error: null });
    } catch (e) {
      if (!isAppError(e)) throw e;
      out.push({ ...base, count: null, error: e.message });
    }
  }
  return out;
}
