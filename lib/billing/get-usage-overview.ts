import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { usageCounters, usageDaily } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { currentMonthCost } from "./current-month-cost";
import { isMonth, monthOf, nextMonth } from "./month";
import { requireBillingViewer } from "./permissions";

export type DailyPoint = { day: string; emails: number; sms: number; api: number };

/** The Usage page: this month's cost (the shared function), its daily chart, and earlier months. */
export async function getUsageOverview(actor: Actor, input: { month?: string } = {}) {
  requireBillingViewer(actor);
  const month = input.month && isMonth(input.month) ? input.month : monthOf();
  const cost = await currentMonthCost(actor.orgId, { month });

  const dailyRows = await db
    .select({
      day: usageDaily.day,
      emails: sql<number>`sum(${usageDaily.count}) filter (where ${usageDaily.metric} = 'emails')`,
      sms: sql<number>`sum(${usageDaily.count}) filter (where ${usageDaily.metric} = 'sms')`,
      api: sql<number>`sum(${usageDaily.count}) filter (where ${usageDaily.metric} like 'api:%')`,
    })
    .from(usageDaily)
    .where(and(eq(usageDaily.orgId, actor.orgId), gte(usageDaily.day, month), lt(usageDaily.day, nextMonth(month))))
    .groupBy(usageDaily.day);
  const byDay = new Map(dailyRows.map((r) => [String(r.day), r]));
  const [y, m] = month.split("-").map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const daily: DailyPoint[] = Array.from({ length: days }, (_, i) => {
    const day = `${month.slice(0, 8)}${String(i + 1).padStart(2, "0")}`;
    const r = byDay.get(day);
    return { day, emails: Number(r?.emails ?? 0), sms: Number(r?.sms ?? 0), api: Number(r?.api ?? 0) };
  });

  const history = await db
    .select({
      month: usageCounters.month,
      emails: sql<number>`coalesce(sum(${usageCounters.count}) filter (where ${usageCounters.metric} = 'emails'), 0)`,
      sms: sql<number>`coalesce(sum(${usageCounters.count}) filter (where ${usageCounters.metric} = 'sms'), 0)`,
      api: sql<number>`coalesce(sum(${usageCounters.count}) filter (where ${usageCounters.metric} like 'api:%'), 0)`,
    })
    .from(usageCounters)
    .where(and(eq(usageCounters.orgId, actor.orgId), lt(usageCounters.month, monthOf())))
    .groupBy(usageCounters.month)
    .orderBy(desc(usageCounters.month))
    .limit(12);

  return {
    cost,
    daily,
    history: history.map((h) => ({ month: String(h.month), emails: Number(h.emails), sms: Number(h.sms), api: Number(h.api) })),
  };
}
