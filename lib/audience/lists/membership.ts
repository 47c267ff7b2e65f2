import { sql, type SQL } from "drizzle-orm";
import { query, type Db, type Tx } from "@/db";

/**
 * The only writers of list membership. Each is one statement over a set of contacts (`contactIds`
 * is a SQL subquery yielding contact ids, already restricted to the org) and keeps
 * `lists.member_count` right in the same statement, so counts are cheap to read and never drift.
 * The caller has checked that `listId` belongs to `orgId`.
 */
export async function addToList(on: Db | Tx, orgId: string, listId: string, contactIds: SQL, status: "subscribed" | "pending" = "subscribed") {
  const [row] = await query<{ added: number }>(
    sql`WITH ins AS (
          INSERT INTO list_members (list_id, contact_id, org_id, status)
          SELECT ${listId}, ids.id, ${orgId}, ${status} FROM (${contactIds}) AS ids(id)
          ON CONFLICT (list_id, contact_id) DO NOTHING
          RETURNING 1
        ), upd AS (
          UPDATE lists SET member_count = member_count + (SELECT count(*) FROM ins), updated_at = now()
          WHERE id = ${listId} AND org_id = ${orgId}
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM ins)::int AS added`,
    on,
  );
  return { added: row?.added ?? 0 };
}

export async function removeFromList(on: Db | Tx, orgId: string, listId: string, contactIds: SQL) {
  const [row] = await query<{ removed: number }>(
    sql`WITH del AS (
          DELETE FROM list_members
          WHERE list_id = ${listId} AND org_id = ${orgId} AND contact_id IN (SELECT ids.id FROM (${contactIds}) AS ids(id))
          RETURNING 1
        ), upd AS (
          UPDATE lists SET member_count = member_count - (SELECT count(*) FROM del), updated_at = now()
          WHERE id = ${listId} AND org_id = ${orgId}
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM del)::int AS removed`,
    on,
  );
  return { removed: row?.removed ?? 0 };
}

/**
 * Before contacts are deleted: lower the counts of every list they are in, in one statement.
 * (The rows themselves go with the contacts through ON DELETE CASCADE.)
 */
export async function releaseMemberships(on: Db | Tx, orgId: string, contactIds: SQL) {
  await query(
    sql`UPDATE lists l SET member_count = l.member_count - x.n, updated_at = now()
        FROM (
          SELECT lm.list_id, count(*)::int AS n FROM list_members lm
          WHERE lm.org_id = ${orgId} AND lm.contact_id IN (SELECT ids.id FROM (${contactIds}) AS ids(id))
          GROUP BY lm.list_id
        ) x
        WHERE l.id = x.list_id AND l.org_id = ${orgId}
        RETURNING 1`,
    on,
  );
}
