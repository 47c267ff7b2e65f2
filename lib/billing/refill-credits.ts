import { sql } from "drizzle-orm";
import { db, query, type Db, type Tx } from "@/db";
import { currentMonthSql } from "./month";
import { PLANS } from "./plans";

/**
 * Resets every Hobby org's credits to the monthly allowance at the start of each (UTC calendar)
 * billing month, writing the grant to the ledger keyed `credits:<YYYY-MM>`: the key makes the
 * refill idempotent per org and month, so the cron may run hourly, twice, or concurrently.
 *
 * An org's very first allowance is set by createOrg without a ledger row; the first pass here
 * records it as the org's opening grant (backdated to its creation) so the ledger always adds
 * up to the balance. `orgId` limits the pass to one org (used when an org moves to Hobby).
 * Returns how many orgs were granted credits.
 */
export async function refillCredits(opts: { orgId?: string; tx?: Tx | Db } = {}): Promise<{ opened: number; refilled: number }> {
  const allowance = PLANS.hobby.monthlyCredits ?? 0;
  const one = opts.orgId ? sql`and o.id = ${opts.orgId}` : sql``;
  const run = async (tx: Tx | Db) => {
    const opened = await query(
      sql`insert into credit_ledger (org_id, kind, delta, balance_after, key, reason, created_at)
          select o.id, 'grant', ${allowance}, ${allowance},
                 'credits:' || to_char(o.created_at at time zone 'utc', 'YYYY-MM'), 'Opening credits', o.created_at
          from orgs o
          where o.plan = 'hobby' ${one}
            and not exists (select 1 from credit_ledger l where l.org_id = o.id and l.kind = 'grant')
          on conflict (org_id, key) where key is not null do nothing
          returning org_id`,
      tx,
    );
    // Locking the org rows makes delta and balance_after exact against concurrent takes; the
    // unique key turns a concurrent second pass into a no-op that changes no balance.
    const refilled = await query(
      sql`with due as (
            select o.id, o.credits from orgs o
            where o.plan = 'hobby' ${one}
              and date_trunc('month', o.created_at at time zone 'utc')::date < ${currentMonthSql}
              and not exists (
                select 1 from credit_ledger l
                where l.org_id = o.id and l.key = 'credits:' || to_char(${currentMonthSql}, 'YYYY-MM'))
            for update of o
          ), granted as (
            insert into credit_ledger (org_id, kind, delta, balance_after, key, reason)
            select id, 'grant', ${allowance} - credits, ${allowance}, 'credits:' || to_char(${currentMonthSql}, 'YYYY-MM'), 'Monthly credits'
            from due
            on conflict (org_id, key) where key is not null do nothing
            returning org_id
          )
          update orgs set credits = ${allowance}, updated_at = now()
          from granted where orgs.id = granted.org_id
          returning orgs.id`,
      tx,
    );
    return { opened: opened.length, refilled: refilled.length };
  };
  return opts.tx ? run(opts.tx) : db.transaction(run);
}
