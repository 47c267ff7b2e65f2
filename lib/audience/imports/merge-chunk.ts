import type { SQL } from "drizzle-orm";
import { query, sql } from "@/db";
import { retryOnDeadlock } from "@/db/errors";
import type { ImportOptions } from "@/db/schema";
import { addToList } from "@/lib/audience/lists/membership";
import { addressHashSql } from "@/lib/audience/suppressions/address-hash";
import type { Staging } from "./staging";
import { REASONS } from "./validate-row";

type RefusedRow = { line: number; raw: string[] | null };
export type ChunkResult = { created: number; updated: number; skipped: number; phoneTaken: RefusedRow[]; overLimit: RefusedRow[] };

/** How many more contacts the org's plan holds; the merge creates at most that many and lowers it. */
export type Capacity = { remaining: number };

/**
 * Merges a set of staged rows (`where`, a condition over the alias `st`) into contacts in ONE
 * statement, then adds them to the target lists.
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
export async function mergeChunk(stage: Staging, orgId: string, opts: ImportOptions, where: SQL, capacity: Capacity): Promise<ChunkResult> {
  const t = stage.table;
  const status = opts.status;
  // Side-by-side merges (run-import.ts) write disjoint addresses, but a file naming one person
  // twice under different keys (e-mail on one row, phone alone on another) can have both update
  // the same contacts in turn; the statement then loses a deadlock and runs again.
  const [res] = await retryOnDeadlock(() => query<{ total: number; created: number; updated: number; phone_taken: RefusedRow[] | null; over_limit: RefusedRow[] | null }>(
    sql`WITH m AS (
          SELECT st.*, coalesce(string_to_array(nullif(st.tags, ''), ','), '{}'::text[]) AS tag_arr, coalesce(ce.id, cp.id) AS cid
          FROM ${t} st
          -- LATERAL ... LIMIT 1 keeps these as index probes: while an import grows the org, stale
          -- statistics would otherwise pick a hash join that reads the org's every contact per chunk.
          LEFT JOIN LATERAL (SELECT c.id FROM contacts c WHERE c.org_id = ${orgId} AND c.email = st.email LIMIT 1) ce ON st.email IS NOT NULL
          LEFT JOIN LATERAL (SELECT c.id FROM contacts c WHERE st.email IS NULL AND c.org_id = ${orgId} AND c.phone = st.phone LIMIT 1) cp ON true
          WHERE ${where} AND NOT st.refused
        ),
        -- The phone clash is a column, not a NOT IN over a second CTE: one probe per row with a phone.
        s AS (
          SELECT m.*, (m.phone IS NOT NULL AND EXISTS (
                   SELECT 1 FROM contacts x WHERE x.org_id = ${orgId} AND x.phone = m.phone AND x.id IS DISTINCT FROM m.cid)) AS taken
          FROM m
        ),
        fresh_all AS (
          SELECT s.* FROM s
          WHERE s.cid IS NULL AND NOT s.taken
            AND NOT (s.email IS NOT NULL AND EXISTS (SELECT 1 FROM suppressions p WHERE p.org_id = ${orgId} AND p.channel = 'email' AND p.address_hash = ${addressHashSql(sql`s.email`)}))
            AND NOT (s.phone IS NOT NULL AND EXISTS (SELECT 1 FROM suppressions p WHERE p.org_id = ${orgId} AND p.channel = 'sms' AND p.address_hash = ${addressHashSql(sql`s.phone`)}))
        ),
        -- The plan's contact limit: the file's first new rows fit, the rest are refused and reported.
        fresh AS (SELECT * FROM fresh_all ORDER BY line LIMIT ${capacity.remaining}),
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
          WHERE ${opts.updateExisting} AND NOT s.taken
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
        SELECT (SELECT count(*) FROM s)::int AS total, (SELECT count(*) FROM ins)::int AS created, (SELECT count(*) FROM upd)::int AS updated,
               (SELECT json_agg(json_build_object('line', line, 'raw', raw) ORDER BY line) FROM s WHERE taken) AS phone_taken,
               (SELECT json_agg(json_build_object('line', line, 'raw', raw) ORDER BY line)
                  FROM (SELECT line, raw FROM fresh_all ORDER BY line OFFSET ${capacity.remaining}) o) AS over_limit`,
    stage.db,
  ));
  const phoneTaken = res?.phone_taken ?? [];
  const overLimit = res?.over_limit ?? [];
  const refused = [...phoneTaken, ...overLimit];
  if (refused.length) {
    // Refused rows stay staged (later duplicates are checked against them) but join no list.
    await query(sql`UPDATE ${t} SET refused = true WHERE line = ANY(${`{${refused.map((p) => Number(p.line)).join(",")}}`}::int[])`, stage.db);
  }

  if (opts.listIds.length) {
    // Contacts the rows name that may receive mail (suppressed, unsubscribed or bounced ones are
    // left off lists), found through the same keys as the merge.
    const ids = sql`SELECT c.id FROM ${t} st JOIN contacts c ON c.org_id = ${orgId} AND c.email = st.email
                      WHERE ${where} AND NOT st.refused AND st.email IS NOT NULL AND c.status IN ('subscribed', 'pending')
                    UNION ALL
                    SELECT c.id FROM ${t} st JOIN contacts c ON c.org_id = ${orgId} AND c.phone = st.phone
                      WHERE ${where} AND NOT st.refused AND st.email IS NULL AND c.status IN ('subscribed', 'pending')`;
    for (const listId of opts.listIds) await retryOnDeadlock(() => addToList(stage.db, orgId, listId, ids, status));
  }

  const total = res?.total ?? 0;
  const created = res?.created ?? 0;
  const updated = res?.updated ?? 0;
  capacity.remaining = Math.max(0, capacity.remaining - created);
  return { created, updated, skipped: total - created - updated - refused.length, phoneTaken, overLimit };
}

/**
 * Settles the rows held back as possible duplicates (seen-keys.ts): a candidate is a duplicate
 * when an earlier, non-candidate row of the file has its e-mail or its phone. Those are refused
 * and recorded with their raw cells; the rest (hash collisions) are left for a last merge.
 * Joins rather than correlated EXISTS: the few candidates are hashed, the file is read once.
 */
export async function resolveDuplicates(stage: Staging, orgId: string, importId: string): Promise<number> {
  const t = stage.table;
  const [row] = await query<{ n: number }>(
    sql`WITH dup AS (
          SELECT c.line FROM ${t} c JOIN ${t} s ON s.email = c.email AND s.line < c.line AND NOT s.cand WHERE c.cand
          UNION
          SELECT c.line FROM ${t} c JOIN ${t} s ON s.phone = c.phone AND s.line < c.line AND NOT s.cand WHERE c.cand
        ),
        marked AS (
          UPDATE ${t} st SET refused = true FROM dup WHERE st.line = dup.line RETURNING st.line, st.raw
        ),
        ins AS (
          INSERT INTO import_errors (import_id, org_id, line, reason, raw)
          SELECT ${importId}, ${orgId}, line, ${REASONS.duplicate}, raw FROM marked
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM ins`,
    stage.db,
  );
  return row?.n ?? 0;
}
