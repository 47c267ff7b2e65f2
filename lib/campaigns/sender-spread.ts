import { sql, type SQL } from "drizzle-orm";

export type PoolSender = { id: string; sentToday: number };

type Stage = { upTo: number | null; ids: string[]; offset: number };

/**
 * Water-filling over the pool: the k-th new contact (1-based) goes to whichever sender is least
 * loaded once the first k-1 are placed, counting each sender's messages sent today. With the
 * senders sorted by that load (l1 <= l2 <= ... <= lm), stage j hands contacts round-robin to the
 * j least loaded until they reach l(j+1), which takes j * (l(j+1) - lj) contacts; the last stage
 * is round-robin over the whole pool for ever. So a sender that already sent 1,900 today gets
 * nothing from 100 new contacts while an idle one gets them all, and a million are split evenly.
 * Ties keep the pool's order. Computed here from the pool (a few rows) into a CASE the intake
 * evaluates per contact: a handful of comparisons, no join.
 */
export function spreadStages(pool: PoolSender[]): Stage[] {
  const sorted = pool.map((s, i) => ({ ...s, i })).sort((a, b) => a.sentToday - b.sentToday || a.i - b.i);
  const stages: Stage[] = [];
  let filled = 0;
  for (let j = 1; j <= sorted.length; j++) {
    const ids = sorted.slice(0, j).map((s) => s.id);
    if (j === sorted.length) {
      stages.push({ upTo: null, ids, offset: filled });
      break;
    }
    const take = j * (sorted[j].sentToday - sorted[j - 1].sentToday);
    if (take > 0) stages.push({ upTo: filled + take, ids, offset: filled });
    filled += take;
  }
  return stages;
}

const ids = (list: string[]) => sql`ARRAY[${sql.join(
  list.map((id) => sql`${id}::text`),
  sql`, `,
)}]`;

/** The sender for the k-th new contact; NULL when the pool has no active sender. */
export function spreadSql(k: SQL, pool: PoolSender[]): SQL {
  const stages = spreadStages(pool);
  if (!stages.length) return sql`NULL::text`;
  const pick = (s: Stage) =>
    s.ids.length === 1 ? sql`${s.ids[0]}::text` : sql`(${ids(s.ids)})[((${k} - ${s.offset}::bigint - 1) % ${s.ids.length}::bigint) + 1]`;
  const bounded = stages.filter((s) => s.upTo !== null);
  const last = stages[stages.length - 1];
  if (!bounded.length) return pick(last);
  return sql`CASE ${sql.join(
    bounded.map((s) => sql`WHEN ${k} <= ${s.upTo}::bigint THEN ${pick(s)}`),
    sql` `,
  )} ELSE ${pick(last)} END`;
}
