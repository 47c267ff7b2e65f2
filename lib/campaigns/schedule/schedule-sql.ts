import { sql, type SQL } from "drizzle-orm";
import type { CampaignSchedule } from "@/db/schema";

/**
 * `computeSendTime` (compute-send-time.ts) for a whole audience in one set-based SELECT: the
 * intake's INSERT and the review's counts read the columns this adds. Same rules, same order:
 *
 * 1. Zone: the contact's when Postgres knows it (matched case-insensitively in
 *    `pg_timezone_names`), else the org's, else UTC. A name ICU knows and Postgres does not
 *    (or the reverse) is the one place the zone itself could differ from the JS function.
 * 2-3. Window and earliest send, per ZONE, not per contact: about 600-1,200 rows, so the exact
 *    wall-clock rule of zoned-time.ts (gaps open at the jump, folds take the earlier reading) is
 *    affordable there: candidates from the offsets a day either side, checked by converting
 *    back, and a minute-by-minute search for the jump in a gap. Each zone also carries its
 *    offset at the earliest send A (`ob`), five days later (`oa`) and, when they differ, the
 *    instant of the change between (`tr`, to the minute; transitions are on whole minutes).
 * 4. Hours, per contact, in integer microseconds: with the zone's one transition, the local
 *    clock is `t + (t < tr ? ob : oa)`, so "the next instant the clock reads the hours' start"
 *    is arithmetic (two candidates, the earlier valid one; in a gap the jump itself) and no
 *    contact row pays for a time zone conversion. The walk takes at most two steps (inside the
 *    hours at A; else the next start; else, when that start fell in a gap that jumped past the
 *    hours' end, the following day's start), which is `firstInstantInHours` for every real
 *    zone; hours lying wholly inside a DST gap on two days running would need a third.
 *
 * Assumes at most one offset change per zone within five days of A (true of every zone since
 * 1995) and instants after 1970. Cases in `SCHEDULE_CASES`, including the DST gap and fold
 * ones, are checked against this SQL by tests/integration/campaigns-schedule-sql.test.ts.
 */
export type ScheduleSqlParams = {
  /** The statement's `now()` when null (intake); a fixed instant in tests. */
  now: Date | null;
  start: Date | null;
  finish: Date | null;
  startLocal: string | null;
  finishLocal: string | null;
  recipientLocalTime: boolean;
  respectBusinessHours: boolean;
  orgTimezone: string;
};

export function scheduleSqlParams(schedule: CampaignSchedule, orgTimezone: string, now: Date | null = null): ScheduleSqlParams {
  return {
    now,
    start: schedule.startAt ? new Date(schedule.startAt) : null,
    finish: schedule.finishAt ? new Date(schedule.finishAt) : null,
    startLocal: schedule.startLocal || null,
    finishLocal: schedule.finishLocal || null,
    recipientLocalTime: schedule.recipientLocalTime,
    respectBusinessHours: schedule.respectBusinessHours,
    orgTimezone,
  };
}

/** What the added columns hold. */
export const SKIP_WINDOW = "window-passed";
export const SKIP_HOURS = "outside-business-hours";

// Constants are spelled into the SQL text (not bound): they are not user input, and a bound
// bigint would need each driver to agree on its type.
const DAY_US = sql.raw("86400000000::bigint");
// "Never": far past any real instant, far enough from the bigint limit to add days to.
const NEVER_US = sql.raw("4000000000000000000::bigint");

const ts = (d: Date | null) => (d ? sql`${d.toISOString()}::timestamptz` : sql`NULL::timestamptz`);
const wall = (s: string | null) => (s ? sql`${s}::timestamp` : sql`NULL::timestamp`);
const us = (x: SQL) => sql`(extract(epoch FROM ${x}) * 1000000)::bigint`;

/** The zone's UTC offset at instant `x`, as an interval. */
const offsetAt = (x: SQL, tz: SQL) => sql`((${x}) AT TIME ZONE ${tz} - (${x}) AT TIME ZONE 'UTC')`;

/**
 * The instant a wall-clock time stands for in `tz` (zoned-time.ts `wallMsToInstant`): the
 * readings under the offsets a day before and after, kept when they convert back to the same
 * wall time, the earlier first; none (a gap) -> the minute the clock jumps past it.
 */
function wallToInstant(w: SQL, tz: SQL): SQL {
  const c1 = sql`((${w}) - ${offsetAt(sql`((${w}) - interval '1 day') AT TIME ZONE 'UTC'`, tz)}) AT TIME ZONE 'UTC'`;
  const c2 = sql`((${w}) - ${offsetAt(sql`((${w}) + interval '1 day') AT TIME ZONE 'UTC'`, tz)}) AT TIME ZONE 'UTC'`;
  return sql`(SELECT CASE
      WHEN v.ok1 AND v.ok2 THEN least(v.c1, v.c2) WHEN v.ok1 THEN v.c1 WHEN v.ok2 THEN v.c2
      ELSE (SELECT min(m) FROM generate_series(date_trunc('minute', least(v.c1, v.c2)), greatest(v.c1, v.c2), interval '1 minute') m
            WHERE (m AT TIME ZONE ${tz}) >= (${w}))
    END
    FROM (SELECT wc.c1, wc.c2, (wc.c1 AT TIME ZONE ${tz}) = (${w}) AS ok1, (wc.c2 AT TIME ZONE ${tz}) = (${w}) AS ok2
          FROM (SELECT ${c1} AS c1, ${c2} AS c2 OFFSET 0) wc OFFSET 0) v)`;
}

/**
 * Per zone: the window's end W1, the earliest send A = max(W0, now), and the offsets around A.
 * Times in microseconds since the epoch; `NEVER_US` for an open end or no transition. Each
 * step is fenced (OFFSET 0) so a value is computed once per zone, not once per mention.
 */
function zonesSql(p: ScheduleSqlParams): SQL {
  const now = p.now ? ts(p.now) : sql`now()`;
  const tz = sql`z.name`;
  const w0 = p.recipientLocalTime
    ? sql`CASE WHEN c.start_wall IS NULL THEN c.now ELSE ${wallToInstant(sql`c.start_wall`, tz)} END`
    : sql`coalesce(${ts(p.start)}, c.now)`;
  const w1 = p.recipientLocalTime
    ? sql`CASE WHEN c.finish_wall IS NULL THEN 'infinity'::timestamptz ELSE ${wallToInstant(sql`c.finish_wall`, tz)} END`
    : sql`coalesce(${ts(p.finish)}, 'infinity'::timestamptz)`;
  // Without a `startLocal`, the absolute start as the org's clock shows it (and likewise the finish).
  const config = sql`
    SELECT n.now,
      coalesce(${wall(p.startLocal)}, ${ts(p.start)} AT TIME ZONE o.tz) AS start_wall,
      coalesce(${wall(p.finishLocal)}, ${ts(p.finish)} AT TIME ZONE o.tz) AS finish_wall
    FROM (SELECT ${now} AS now) n
    CROSS JOIN (SELECT coalesce((SELECT name FROM pg_timezone_names WHERE lower(name COLLATE "C") = lower(${p.orgTimezone}::text COLLATE "C") LIMIT 1), 'UTC') AS tz) o
    OFFSET 0`;
  const windows = sql`
    SELECT z.name, lower(z.name COLLATE "C") AS lname, c.now, ${w0} AS w0, ${w1} AS w1
    FROM pg_timezone_names z CROSS JOIN (${config}) c
    OFFSET 0`;
  const earliest = sql`SELECT z.*, greatest(z.w0, z.now) AS a FROM (${windows}) z OFFSET 0`;
  const offsets = sql`SELECT z.*, ${offsetAt(sql`z.a`, tz)} AS ob, ${offsetAt(sql`z.a + interval '5 days'`, tz)} AS oa FROM (${earliest}) z OFFSET 0`;
  // The change between: the first hour that shows the new offset, then its first minute.
  const transition = sql`
    SELECT z.*, CASE WHEN z.ob = z.oa THEN NULL ELSE (
      SELECT min(m) FROM (SELECT min(x) AS h FROM generate_series(z.a, z.a + interval '5 days', interval '1 hour') x WHERE ${offsetAt(sql`x`, tz)} <> z.ob) hh,
        generate_series(date_trunc('minute', hh.h - interval '1 hour'), hh.h, interval '1 minute') m
      WHERE ${offsetAt(sql`m`, tz)} <> z.ob) END AS tr
    FROM (${offsets}) z
    OFFSET 0`;
  return sql`
    SELECT z.lname, z.a, CASE WHEN isfinite(z.w1) THEN z.w1 END AS w1,
      ${us(sql`z.a`)} AS a_us,
      CASE WHEN isfinite(z.w1) THEN ${us(sql`z.w1`)} ELSE ${NEVER_US} END AS w1_us,
      ${us(sql`z.ob`)} AS ob_us, ${us(sql`z.oa`)} AS oa_us,
      CASE WHEN z.tr IS NULL THEN ${NEVER_US} ELSE ${us(sql`z.tr`)} END AS tr_us
    FROM (${transition}) z`;
}

/**
 * `source` (a SELECT whose rows have `timezone`, `notify_from` and `notify_to` columns) with
 * the schedule added: `sch_at` (null when skipped), `sch_skip` ('window-passed' /
 * 'outside-business-hours' / null), `sch_moved`, `sch_expires` (the finish in the contact's
 * reading, null without one), plus helper columns prefixed `sch_`.
 */
export function withScheduleSql(source: SQL, p: ScheduleSqlParams): SQL {
  if (!p.recipientLocalTime && !p.respectBusinessHours) {
    // Nothing depends on the contact: one window for everyone, no zone lookup at all.
    const now = p.now ? ts(p.now) : sql`now()`;
    return sql`SELECT src.*,
        CASE WHEN k.a >= k.w1 THEN NULL ELSE k.a END AS sch_at,
        CASE WHEN k.a >= k.w1 THEN ${SKIP_WINDOW} END AS sch_skip,
        false AS sch_moved,
        CASE WHEN isfinite(k.w1) THEN k.w1 END AS sch_expires
      FROM (${source}) src
      CROSS JOIN (SELECT greatest(coalesce(${ts(p.start)}, n.now), n.now) AS a, coalesce(${ts(p.finish)}, 'infinity'::timestamptz) AS w1
                  FROM (SELECT ${now} AS now) n) k`;
  }

  const hours = p.respectBusinessHours
    ? sql`(src.notify_from IS NOT NULL OR src.notify_to IS NOT NULL)`
    : sql`false`;
  // Stage 1: the contact's zone row and hours in microseconds of the local day.
  const stage1 = sql`
    SELECT src.*,
      coalesce(z.a, f.a) AS sch_a, CASE WHEN z.lname IS NULL THEN f.w1 ELSE z.w1 END AS sch_w1_at,
      coalesce(z.a_us, f.a_us) AS sch_a_us, coalesce(z.w1_us, f.w1_us) AS sch_w1_us,
      coalesce(z.ob_us, f.ob_us) AS sch_ob, coalesce(z.oa_us, f.oa_us) AS sch_oa, coalesce(z.tr_us, f.tr_us) AS sch_tr,
      coalesce(${us(sql`src.notify_from`)}, 0) AS sch_hf,
      coalesce(${us(sql`src.notify_to`)}, ${DAY_US}) AS sch_ht,
      ${hours} AS sch_has_hours
    FROM (${source}) src
    LEFT JOIN sch_zones z ON z.lname = lower(src.timezone COLLATE "C")
    CROSS JOIN sch_fallback f
    OFFSET 0`;

  const inHours = (x: SQL) => sql`(CASE WHEN s.sch_hf < s.sch_ht THEN ${x} >= s.sch_hf AND ${x} < s.sch_ht ELSE ${x} >= s.sch_hf OR ${x} < s.sch_ht END)`;
  const wallAt = (t: SQL) => sql`(${t} + CASE WHEN ${t} < s.sch_tr THEN s.sch_ob ELSE s.sch_oa END)`;
  const tod = (w: SQL) => sql`mod(${w}, ${DAY_US})`;
  // The next local "from" after wall time `w`, as a wall time.
  const target = (w: SQL) => sql`(${w} - ${tod(w)} + CASE WHEN ${tod(w)} < s.sch_hf THEN s.sch_hf ELSE s.sch_hf + ${DAY_US} END)`;
  // zoned-time.ts nextInstantAtWall: the first reading of `g` at or after `t` (in a fold the
  // earlier one when it is still ahead), else the later reading; in a gap, the jump.
  const nextAt = (t: SQL, g: SQL) => sql`(CASE
      WHEN ${g} - s.sch_ob < s.sch_tr AND ${g} - s.sch_oa >= s.sch_tr THEN
        CASE WHEN ${g} - s.sch_ob >= ${t} THEN ${g} - s.sch_ob ELSE greatest(${t}, ${g} - s.sch_oa) END
      WHEN ${g} - s.sch_ob < s.sch_tr THEN greatest(${t}, ${g} - s.sch_ob)
      WHEN ${g} - s.sch_oa >= s.sch_tr THEN greatest(${t}, ${g} - s.sch_oa)
      ELSE greatest(${t}, s.sch_tr) END)`;
  // Each stage is fenced (OFFSET 0) so the next one reads its results as columns instead of
  // repeating the expressions; contacts the hours do not apply to skip the walk entirely.
  const stage = (from: SQL, cols: SQL) => sql`SELECT s.*, ${cols} FROM (${from}) s OFFSET 0`;
  const walk = (x: SQL) => sql`CASE WHEN s.sch_apply THEN ${x} END`;

  const stage2 = stage(
    stage1,
    sql`s.sch_has_hours AND s.sch_a_us < s.sch_w1_us AND s.sch_hf <> s.sch_ht AND NOT (s.sch_hf = 0 AND s.sch_ht = ${DAY_US}) AS sch_apply`,
  );
  const stage3 = stage(stage2, sql`${walk(wallAt(sql`s.sch_a_us`))} AS sch_wall0`);
  const stage4 = stage(stage3, sql`${walk(inHours(tod(sql`s.sch_wall0`)))} AS sch_in0, ${walk(target(sql`s.sch_wall0`))} AS sch_g1`);
  const stage5 = stage(stage4, sql`${walk(sql`CASE WHEN s.sch_in0 THEN s.sch_a_us ELSE ${nextAt(sql`s.sch_a_us`, sql`s.sch_g1`)} END`)} AS sch_t1`);
  const stage6 = stage(stage5, sql`${walk(wallAt(sql`s.sch_t1`))} AS sch_wall1`);
  // The second step, only when the first landed outside the hours (a start inside a gap).
  const stage7 = stage(
    stage6,
    sql`CASE WHEN NOT s.sch_apply THEN s.sch_a_us
             WHEN ${inHours(tod(sql`s.sch_wall1`))} THEN s.sch_t1
             ELSE ${nextAt(sql`s.sch_t1`, target(sql`s.sch_wall1`))} END AS sch_t`,
  );

  return sql`
    WITH sch_zones AS MATERIALIZED (${zonesSql(p)}),
    sch_fallback AS MATERIALIZED (
      SELECT * FROM sch_zones WHERE lname = coalesce((SELECT lname FROM sch_zones WHERE lname = lower(${p.orgTimezone}::text COLLATE "C") LIMIT 1), 'utc') LIMIT 1
    )
    SELECT s.*,
      CASE WHEN s.sch_t >= s.sch_w1_us THEN NULL ELSE s.sch_a + (s.sch_t - s.sch_a_us) * interval '1 microsecond' END AS sch_at,
      CASE WHEN s.sch_a_us >= s.sch_w1_us THEN ${SKIP_WINDOW} WHEN s.sch_t >= s.sch_w1_us THEN ${SKIP_HOURS} END AS sch_skip,
      s.sch_t > s.sch_a_us AND s.sch_t < s.sch_w1_us AS sch_moved,
      s.sch_w1_at AS sch_expires
    FROM (${stage7}) s`;
}
