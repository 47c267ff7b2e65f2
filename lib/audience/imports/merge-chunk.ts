import { query, sql } from "@/db";
import type { ImportOptions } from "@/db/schema";
import { addToList } from "@/lib/audience/lists/membership";
import { addressHashSql } from "@/lib/audience/suppressions/address-hash";
import type { Staging } from "./staging";

export type ChunkResult = { created: number; updated: number; skipped: number; phoneTaken: number[] };

/**
 * Merges the staged rows into contacts in ONE statement, then adds them to the target lists.
 *
 * - A row matches an existing contact by e-mail, or by phone when it has no e-mail.
 * - A phone already held by another contact refuses the row (the unique phone would clash).
 * - New rows whose address is on the org's suppression list are skipped, not created: an erased
 *   or unsubscribed person is never brought back by an import.
 * - Existing contacts keep their status (an import never resubscribes anyone); with
 *   "update existing" their empty fields are filled or overwritten by non-empty cells, tags are
 *   unioned and attributes merged. A row that would change nothing counts as skipped, so running
 *   the same file again reports no updates.
 */
export async function mergeChunk(stage: Staging, orgId: string, opts: ImportOptions, total: number): Promise<ChunkResult> {
  const t = stage.table;
  const status = opts.status;
  const [res] = await query<{ created: number; updated: number; phone_taken: number[] }>(
    sql`WITH s AS (
          SELECT st.*, coalesce(string_to_array(nullif(st.tags, ''), ','), '{}'::text[]) AS tag_arr, coalesce(ce.id, cp.id) AS cid
          FROM ${t} st
          LEFT JOIN contacts ce ON st.email IS NOT NULL AND ce.org_id = ${orgId} AND ce.email = st.email
          LEFT JOIN contacts cp ON st.email IS NULL AND cp.org_id = ${orgId} AND cp.phone = st.phone
        ),
        taken AS (
          SELECT s.line FROM s
          WHERE s.phone IS NOT NULL
            AND EXISTS (SELECT 1 FROM contacts x WHERE x.org_id = ${orgId} AND x.phone = s.phone AND x.id IS DISTINCT FROM s.cid)
        ),
        fresh AS (
          SELECT s.* FROM s
          WHERE s.cid IS NULL AND s.line NOT IN (SELECT line FROM taken)
            AND NOT (s.email IS NOT NULL AND EXISTS (SELECT 1 FROM suppressions p WHERE p.org_id = ${orgId} AND p.channel = 'email' AND p.address_hash = ${addressHashSql(sql`s.email`)}))
            AND NOT (s.phone IS NOT NULL AND EXISTS (SELECT 1 FROM suppressions p WHERE p.org_id = ${orgId} AND p.channel = 'sms' AND p.address_hash = ${addressHashSql(sql`s.phone`)}))
        ),
        ins AS (
          INSERT INTO contacts (org_id, email, phone, first_name, last_name, timezone, tags, attributes, operator_code,
                                notify_from, notify_to, status, status_reason, consent_source, consent_at)
          SELECT ${orgId}::text, email, phone, first_name, last_name, timezone, tag_arr, attributes, operator_code,
                 notify_from, notify_to, ${status}::contact_status, 'import',
                 ${status === "subscribed" ? (opts.consentSource ?? "CSV import") : null}::text, ${status === "subscribed" ? sql`now()` : sql`NULL::timestamptz`}
          FROM fresh
          ON CONFLICT DO NOTHING
          RETURNING 1
        ),
        next AS (
          SELECT c.id,
                 coalesce(s.phone, c.phone) AS phone, coalesce(s.first_name, c.first_name) AS first_name,
                 coalesce(s.last_name, c.last_name) AS last_name, coalesce(s.timezone, c.timezone) AS timezone,
                 c.tags || ARRAY(SELECT x FROM unnest(s.tag_arr) x WHERE x <> ALL (c.tags)) AS tags,
                 c.attributes || s.attributes AS attributes, coalesce(s.operator_code, c.operator_code) AS operator_code,
                 coalesce(s.notify_from, c.notify_from) AS notify_from, coalesce(s.notify_to, c.notify_to) AS notify_to,
                 (c.phone, c.first_name, c.last_name, c.timezone, c.operator_code, c.notify_from, c.notify_to) AS old_row,
                 c.tags AS old_tags, c.attributes AS old_attributes
          FROM s JOIN contacts c ON c.id = s.cid AND c.org_id = ${orgId}
          WHERE ${opts.updateExisting} AND s.line NOT IN (SELECT line FROM taken)
        ),
        upd AS (
          UPDATE contacts c
          SET phone = n.phone, first_name = n.first_name, last_name = n.last_name, timezone = n.timezone, tags = n.tags,
              attributes = n.attributes, operator_code = n.operator_code, notify_from = n.notify_from, notify_to = n.notify_to,
              updated_at = now()
          FROM next n
          WHERE c.id = n.id AND c.org_id = ${orgId}
            AND (n.old_row IS DISTINCT FROM (n.phone, n.first_name, n.last_name, n.timezone, n.operator_code, n.notify_from, n.notify_to)
                 OR n.old_tags IS DISTINCT FROM n.tags OR n.old_attributes IS DISTINCT FROM n.attributes)
            AND NOT (n.notify_from IS NOT NULL AND n.notify_to IS NOT NULL AND n.notify_from >= n.notify_to)
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM ins)::int AS created, (SELECT count(*) FROM upd)::int AS updated,
               coalesce((SELECT array_agg(line ORDER BY line) FROM taken), '{}') AS phone_taken`,
    stage.db,
  );
  const phoneTaken = (res?.phone_taken ?? []).map(Number);
  if (phoneTaken.length) {
    await query(sql`DELETE FROM ${t} WHERE line IN (${sql.join(phoneTaken.map((n) => sql`${n}`), sql`, `)})`, stage.db);
  }

  if (opts.listIds.length) {
    // Contacts the file names that may receive mail (suppressed, unsubscribed or bounced ones are
    // left off lists), found through the same keys as the merge.
    const ids = sql`SELECT c.id FROM ${t} st JOIN contacts c ON c.org_id = ${orgId} AND c.email = st.email
                      WHERE st.email IS NOT NULL AND c.status IN ('subscribed', 'pending')
                    UNION ALL
                    SELECT c.id FROM ${t} st JOIN contacts c ON c.org_id = ${orgId} AND c.phone = st.phone
                      WHERE st.email IS NULL AND c.status IN ('subscribed', 'pending')`;
    for (const listId of opts.listIds) await addToList(stage.db, orgId, listId, ids, status);
  }

  const created = res?.created ?? 0;
  const updated = res?.updated ?? 0;
  return { created, updated, skipped: total - created - updated - phoneTaken.length, phoneTaken };
}
