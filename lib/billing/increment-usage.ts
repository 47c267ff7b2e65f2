import { sql } from "drizzle-orm";
import { db, query, type Db, type Tx } from "@/db";
import { currentDaySql, currentMonthSql } from "./month";

export type UsageIncrement = { orgId: string; metric: string; count: number };

/**
 * Adds to the month's counter and the day's rollup in ONE statement, race-free
 * (`count = count + excluded.count`, never read-modify-write). Pass a whole batch: duplicates
 * are summed first, since one INSERT cannot touch the same row twice. Runs in the caller's
 * transaction when given one, so a count commits or rolls back with the work it counts.
 */
export async function incrementUsage(increments: UsageIncrement[], tx: Tx | Db = db): Promise<void> {
  const rows = increments.filter((i) => i.count > 0 && Number.isSafeInteger(i.count));
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((r) => sql`(${r.orgId}::text, ${r.metric}::text, ${r.count}::bigint)`),
    sql`, `,
  );
  await query(
    sql`with v(org_id, metric, n) as (values ${values}),
        agg as (select org_id, metric, sum(n)::bigint as n from v group by org_id, metric),
        daily as (
          insert into usage_daily (org_id, day, metric, count)
          select org_id, ${currentDaySql}, metric, n from agg
          on conflict (org_id, day, metric) do update set count = usage_daily.count + excluded.count
          returning 1
        )
        insert into usage_counters (org_id, month, metric, count)
        select org_id, ${currentMonthSql}, metric, n from agg
        on conflict (org_id, month, metric) do update set count = usage_counters.count + excluded.count`,
    tx,
  );
}

/** Metric names: a closed set plus one per API endpoint. */
export const METRICS = { emails: "emails", sms: "sms", contacts: "contacts" } as const;
export const apiMetric = (endpoint: string) => `api:${endpoint}`;
