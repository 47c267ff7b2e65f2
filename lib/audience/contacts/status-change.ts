import { sql, type SQL } from "drizzle-orm";
import { query, type Db, type Tx } from "@/db";
import type { ContactStatus } from "@/db/schema";
import { addressHashSql } from "@/lib/audience/suppressions/address-hash";

export type StatusChange = {
  orgId: string;
  /** A subquery yielding contact ids, already restricted to the org. */
  ids: SQL;
  to: ContactStatus;
  reason: string | null;
  actorId: string | null;
  /** Recorded on suppressions that an unsubscribe adds. */
  source: string;
};

/**
 * Moves a set of contacts to `to` in one statement: the contacts, one history event per contact
 * that actually changed, and, for an unsubscribe, a suppression of every address in the set
 * (also for contacts that were already unsubscribed, so the send pipeline's one check holds).
 */
export async function changeStatusWhere(on: Db | Tx, c: StatusChange): Promise<{ matched: number; changed: number }> {
  const suppress =
    c.to === "unsubscribed"
      ? sql`, sup AS (
          INSERT INTO suppressions (org_id, channel, address, address_hash, reason, source)
          SELECT ${c.orgId}, 'email'::channel, t.email, ${addressHashSql(sql`t.email`)}, 'unsubscribed'::suppression_reason, ${c.source}
          FROM target t WHERE t.email IS NOT NULL
          UNION ALL
          SELECT ${c.orgId}, 'sms'::channel, t.phone, ${addressHashSql(sql`t.phone`)}, 'unsubscribed'::suppression_reason, ${c.source}
          FROM target t WHERE t.phone IS NOT NULL
          ON CONFLICT (org_id, channel, address_hash) DO NOTHING
          RETURNING 1
        )`
      : sql``;
  const [row] = await query<{ matched: number; changed: number }>(
    sql`WITH target AS (
          SELECT c.id, c.status, c.email, c.phone FROM contacts c
          WHERE c.org_id = ${c.orgId} AND c.id IN (SELECT ids.id FROM (${c.ids}) AS ids(id))
        ), upd AS (
          UPDATE contacts c
          SET status = ${c.to}::contact_status, status_changed_at = now(), status_reason = ${c.reason}, updated_at = now()
          FROM target t
          WHERE c.id = t.id AND c.org_id = ${c.orgId} AND c.status <> ${c.to}::contact_status
          RETURNING c.id, t.status AS from_status
        ), ev AS (
          INSERT INTO contact_events (org_id, contact_id, kind, from_status, to_status, reason, actor_id)
          SELECT ${c.orgId}, upd.id, 'status_changed', upd.from_status, ${c.to}::contact_status, ${c.reason}, ${c.actorId} FROM upd
          RETURNING 1
        )${suppress}
        SELECT (SELECT count(*) FROM target)::int AS matched, (SELECT count(*) FROM upd)::int AS changed`,
    on,
  );
  return { matched: row?.matched ?? 0, changed: row?.changed ?? 0 };
}
