import { asc, eq, sql } from "drizzle-orm";
import { db, query } from "@/db";
import { lists, segments } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";

/** How many of the newest contacts tag and operator-code suggestions are drawn from. */
const SAMPLE = 5000;

/**
 * The choices of the contacts filter bar. Lists and segments are complete; tags and operator
 * codes are suggestions from the newest contacts, read through contacts_org_created_idx, because
 * the distinct values of a million rows would cost a full scan on every page view.
 */
export async function listFilterOptions(actor: Actor) {
  const [listRows, segmentRows, sampled] = await Promise.all([
    db.select({ id: lists.id, name: lists.name }).from(lists).where(eq(lists.orgId, actor.orgId)).orderBy(asc(lists.name)).limit(500),
    db.select({ id: segments.id, name: segments.name }).from(segments).where(eq(segments.orgId, actor.orgId)).orderBy(asc(segments.name)).limit(500),
    query<{ tags: string[] | null; codes: string[] | null }>(
      sql`WITH recent AS (
            SELECT tags, operator_code FROM contacts WHERE org_id = ${actor.orgId}
            ORDER BY created_at DESC NULLS LAST, id DESC NULLS LAST LIMIT ${SAMPLE}
          )
          SELECT
            (SELECT array_agg(DISTINCT t ORDER BY t) FROM recent, unnest(recent.tags) AS t) AS tags,
            (SELECT array_agg(DISTINCT operator_code ORDER BY operator_code) FROM recent WHERE operator_code IS NOT NULL) AS codes`,
    ),
  ]);
  return { lists: listRows, segments: segmentRows, tags: (sampled[0]?.tags ?? []).slice(0, 200), operatorCodes: (sampled[0]?.codes ?? []).slice(0, 200) };
}
