import { and, inArray, isNull, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { db, query } from "@/db";
import { meterReports } from "@/db/schema";
import { computeCost } from "./compute-cost";
import { meterEventName } from "./config";
import { monthKey, monthOf } from "./month";
import { getPlan, type PlanId } from "./plans";

type Row = { org_id: string; plan: PlanId; customer: string; metric: string; count: number };

const prevMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return monthOf(new Date(Date.UTC(y, m - 2, 1)));
};

/**
 * Reports each paying org's overage to Stripe as meter events, idempotently. Phase 1 (under one
 * advisory lock) writes what is owed: per org, month and metric, a row bringing the reported
 * total up to the current cumulative overage, identified by org+metric+month+cumulative.
 * Phase 2 sends every unsent row with that identifier (and the same idempotency key), marking
 * it sent after Stripe accepts it. A retry, a second run or a crash between the call and the
 * mark resends the same identifier, which Stripe bills once; the same usage is never written twice.
 */
export async function reportOverage(stripe: Stripe, opts: { months?: string[] } = {}) {
  const months = opts.months ?? [prevMonth(monthOf()), monthOf()];
  let queued = 0;
  for (const month of months) queued += await queueMonth(month);
  const sent = await sendPending(stripe);
  return { queued, ...sent };
}

async function queueMonth(month: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('billing:meter-reports'))`);
    const rows = await query<Row>(
      sql`select o.id as org_id, o.plan, o.stripe_customer_id as customer, u.metric, u.count
          from orgs o
          join subscriptions s on s.org_id = o.id and s.provider = 'stripe' and s.status in ('active', 'trialing', 'past_due')
          join usage_counters u on u.org_id = o.id and u.month = ${month}
          where o.plan <> 'hobby' and o.stripe_customer_id is not null`,
      tx,
    );
    const byOrg = new Map<string, { plan: PlanId; customer: string; counts: Record<string, number> }>();
    for (const r of rows) {
      const o = byOrg.get(r.org_id) ?? { plan: r.plan, customer: r.customer, counts: {} };
      o.counts[r.metric] = Number(r.count);
      byOrg.set(r.org_id, o);
    }
    if (byOrg.size === 0) return 0;
    const reported = await query<{ org_id: string; metric: string; total: number }>(
      sql`select org_id, metric, max(cumulative) as total from meter_reports
          where month = ${month} and org_id in (${sql.join([...byOrg.keys()].map((id) => sql`${id}`), sql`, `)})
          group by org_id, metric`,
      tx,
    );
    const already = new Map(reported.map((r) => [`${r.org_id}:${r.metric}`, Number(r.total)]));
    const inserts: (typeof meterReports.$inferInsert)[] = [];
    for (const [orgId, o] of byOrg) {
      const cost = computeCost(getPlan(o.plan), o.counts);
      const owed: Record<"emails" | "sms" | "api", number> = {
        emails: cost.lines.find((l) => l.metric === "emails")?.overageUnits ?? 0,
        sms: cost.lines.find((l) => l.metric === "sms")?.overageUnits ?? 0,
        api: cost.api.count,
      };
      for (const metric of ["emails", "sms", "api"] as const) {
        const cumulative = owed[metric];
        const before = already.get(`${orgId}:${metric}`) ?? 0;
        if (cumulative <= before) continue;
        inserts.push({
          orgId,
          month,
          metric,
          cumulative,
          value: cumulative - before,
          identifier: `${orgId}:${metric}:${monthKey(month)}:${cumulative}`,
          eventName: meterEventName(metric),
          stripeCustomerId: o.customer,
        });
      }
    }
    if (inserts.length === 0) return 0;
    const written = await tx.insert(meterReports).values(inserts).onConflictDoNothing().returning({ id: meterReports.id });
    return written.length;
  });
}

const isDuplicate = (e: unknown) => /already exists|duplicate/i.test((e as { message?: string })?.message ?? "");

async function sendPending(stripe: Stripe): Promise<{ sent: number; failed: number }> {
  const pending = await db.select().from(meterReports).where(isNull(meterReports.sentAt)).orderBy(meterReports.id).limit(1_000);
  const done: number[] = [];
  let failed = 0;
  for (const r of pending) {
    try {
      await stripe.billing.meterEvents.create(
        { event_name: r.eventName, identifier: r.identifier, payload: { stripe_customer_id: r.stripeCustomerId, value: String(r.value) } },
        { idempotencyKey: `herald-meter-${r.identifier}` },
      );
      done.push(r.id);
    } catch (e) {
      if (isDuplicate(e)) {
        done.push(r.id);
        continue;
      }
      failed++;
      await db.update(meterReports).set({ lastError: String((e as Error).message ?? e).slice(0, 500) }).where(sql`${meterReports.id} = ${r.id}`);
    }
  }
  if (done.length) await db.update(meterReports).set({ sentAt: new Date(), lastError: null }).where(and(inArray(meterReports.id, done), isNull(meterReports.sentAt)));
  return { sent: done.length, failed };
}
