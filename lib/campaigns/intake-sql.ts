import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import type { CampaignAudience } from "@/db/schema";
import { addressHashSql } from "@/lib/audience/suppressions/address-hash";
import { withScheduleSql, type ScheduleSqlParams } from "./schedule/schedule-sql";
import { spreadSql, type PoolSender } from "./sender-spread";

/** Everything the intake statement needs, loaded and compiled beforehand (intake-plan.ts). */
export type IntakeSpec = {
  orgId: string;
  channel: "email" | "sms";
  audience: CampaignAudience;
  /** Compiled conditions over the alias `contacts`, one per audience / excluded segment. */
  segments: SQL[];
  excludeSegments: SQL[];
  /** False when the org has no suppression on the channel: the hash join is then skipped. */
  hasSuppressions: boolean;
  schedule: ScheduleSqlParams;
  /** Active senders of the pool, for contacts without a sticky sender. */
  pool: PoolSender[];
};

const idList = (ids: string[]) => sql.join(
  ids.map((id) => sql`${id}`),
  sql`, `,
);

/** Members of the lists (any status: an exclusion list excludes whoever is on it). */
const memberOf = (orgId: string, listIds: string[], subscribedOnly: boolean) =>
  sql`SELECT lm.contact_id FROM list_members lm WHERE lm.org_id = ${orgId} AND lm.list_id IN (${idList(listIds)})${subscribedOnly ? sql` AND lm.status = 'subscribed'` : sql``}`;

/**
 * Who the audience is: subscribed members of any audience list, or contacts matching any
 * audience segment, minus anyone on an excluded list or matching an excluded segment, with an
 * address on the channel. Lists alone become a semi-join (each contact once, however many lists
 * hold it); with segments the list test is a hashed IN so it can sit beside them in an OR.
 * A segment condition that is NULL for a contact (a missing attribute) neither includes nor
 * excludes.
 */
function audienceWhere(spec: IntakeSpec): SQL {
  const { orgId, audience } = spec;
  const address = spec.channel === "email" ? sql`contacts.email` : sql`contacts.phone`;
  const parts: SQL[] = [sql`contacts.org_id = ${orgId}`, sql`${address} IS NOT NULL`];
  const include: SQL[] = [];
  if (audience.listIds.length) {
    include.push(
      spec.segments.length
        ? sql`contacts.id IN (${memberOf(orgId, audience.listIds, true)})`
        : sql`EXISTS (SELECT 1 FROM list_members lm WHERE lm.contact_id = contacts.id AND lm.org_id = ${orgId} AND lm.list_id IN (${idList(audience.listIds)}) AND lm.status = 'subscribed')`,
    );
  }
  for (const cond of spec.segments) include.push(sql`coalesce((${cond}), false)`);
  parts.push(include.length ? sql`(${sql.join(include, sql` OR `)})` : sql`false`);
  if (audience.excludeListIds.length) {
    parts.push(sql`NOT EXISTS (SELECT 1 FROM list_members xm WHERE xm.contact_id = contacts.id AND xm.org_id = ${orgId} AND xm.list_id IN (${idList(audience.excludeListIds)}))`);
  }
  for (const cond of spec.excludeSegments) parts.push(sql`NOT coalesce((${cond}), false)`);
  return sql.join(parts, sql` AND `);
}

/**
 * One row per audience contact, flagged: `excluded_status` (not subscribed: unsubscribed,
 * bounced, complained, pending), `suppressed` (the address is on the org's suppression list for
 * the channel: the same test as isSuppressedSql, written as a hash join so a million contacts
 * cost one pass instead of a million index probes), the schedule (`sch_at`, `sch_skip`,
 * `sch_moved`, `sch_expires`), `ok` (gets a message), the sticky sender if any and `sender_id`.
 */
export function intakeRowsSql(spec: IntakeSpec): SQL {
  const address = spec.channel === "email" ? sql`contacts.email` : sql`contacts.phone`;
  const suppressed = spec.hasSuppressions
    ? sql`(contacts.status = 'subscribed' AND sup.id IS NOT NULL)`
    : sql`false`;
  const suppressionJoin = spec.hasSuppressions
    ? sql`LEFT JOIN suppressions sup ON sup.org_id = ${spec.orgId} AND sup.channel = ${spec.channel} AND sup.address_hash = ${addressHashSql(address)}`
    : sql``;
  const audience = sql`
    SELECT contacts.id AS contact_id, ${address} AS to_address,
      contacts.timezone, contacts.notify_from, contacts.notify_to,
      contacts.status <> 'subscribed' AS excluded_status,
      ${suppressed} AS suppressed,
      cs.sender_id AS sticky_sender
    FROM contacts
    ${suppressionJoin}
    LEFT JOIN contact_senders cs ON cs.contact_id = contacts.id AND cs.channel = ${spec.channel} AND cs.org_id = ${spec.orgId}
    WHERE ${audienceWhere(spec)}`;
  const flagged = sql`
    SELECT x.*, (NOT x.excluded_status AND NOT x.suppressed AND x.sch_skip IS NULL) AS ok
    FROM (${withScheduleSql(audience, spec.schedule)}) x`;
  // A running count over new recipients numbers them for the spread without sorting anything.
  const numbered = sql`
    SELECT f.*, count(*) FILTER (WHERE f.ok AND f.sticky_sender IS NULL) OVER (ROWS UNBOUNDED PRECEDING) AS spread_k
    FROM (${flagged}) f`;
  // Only what the insert and the counts read: the rows may be materialized a million at a time.
  return sql`
    SELECT n.contact_id, n.to_address, n.excluded_status, n.suppressed, n.ok, n.sticky_sender,
      n.sch_at, n.sch_skip, n.sch_moved, n.sch_expires,
      CASE WHEN n.sticky_sender IS NOT NULL THEN n.sticky_sender WHEN n.ok THEN ${spreadSql(sql`n.spread_k`, spec.pool)} END AS sender_id
    FROM (${numbered}) n`;
}

/**
 * Settings for the one big statement, for this transaction only: JIT off (compiling the
 * schedule's expressions costs seconds and gains nothing on a single pass), hash joins rather
 * than sorting a million contacts for a merge against ~600 zones, and memory for the hashes
 * (list members, sticky senders: ~50-70 MB each per million) and the materialized rows, which
 * then stay off disk (about a second saved per million recipients).
 */
export async function tuneForIntake(tx: Tx) {
  await tx.execute(sql`SET LOCAL jit = off`);
  await tx.execute(sql`SET LOCAL enable_mergejoin = off`);
  await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
}

/** What the intake did (or, in the review, would do). */
export type IntakeCounts = {
  queued: number;
  excludedByStatus: number;
  suppressed: number;
  skippedWindowPassed: number;
  skippedOutsideHours: number;
  moved: number;
  /** The earliest message is due later than now: the campaign is scheduled, not sending. */
  startsLater: boolean;
  bySender: { senderId: string; count: number }[];
};

/** Aggregates over a CTE named `base` holding intakeRowsSql's rows. */
export const COUNTS_FROM_BASE = sql`
  SELECT
    count(*) FILTER (WHERE ok)::int AS queued,
    count(*) FILTER (WHERE excluded_status)::int AS excluded_by_status,
    count(*) FILTER (WHERE suppressed)::int AS suppressed,
    count(*) FILTER (WHERE NOT excluded_status AND NOT suppressed AND sch_skip = 'window-passed')::int AS skipped_window,
    count(*) FILTER (WHERE NOT excluded_status AND NOT suppressed AND sch_skip = 'outside-business-hours')::int AS skipped_hours,
    count(*) FILTER (WHERE ok AND sch_moved)::int AS moved,
    coalesce(min(sch_at) FILTER (WHERE ok) > now(), false) AS starts_later,
    (SELECT coalesce(json_agg(json_build_object('senderId', g.sender_id, 'count', g.n) ORDER BY g.sender_id), '[]'::json)
       FROM (SELECT sender_id, count(*)::int AS n FROM base WHERE ok GROUP BY sender_id) g) AS by_sender
  FROM base`;

export type CountsRow = {
  queued: number;
  excluded_by_status: number;
  suppressed: number;
  skipped_window: number;
  skipped_hours: number;
  moved: number;
  starts_later: boolean;
  by_sender: { senderId: string; count: number }[] | string;
};

export function toCounts(r: CountsRow): IntakeCounts {
  const bySender = typeof r.by_sender === "string" ? (JSON.parse(r.by_sender) as { senderId: string; count: number }[]) : r.by_sender;
  return {
    queued: Number(r.queued),
    excludedByStatus: Number(r.excluded_by_status),
    suppressed: Number(r.suppressed),
    skippedWindowPassed: Number(r.skipped_window),
    skippedOutsideHours: Number(r.skipped_hours),
    moved: Number(r.moved),
    startsLater: Boolean(r.starts_later),
    bySender: bySender.map((s) => ({ senderId: s.senderId, count: Number(s.count) })),
  };
}
