import { and, eq, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { contacts, orgs, usageCounters } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { computeCost, type CostBreakdown } from "./compute-cost";
import { isMonth, monthOf } from "./month";
import { getPlan } from "./plans";

export type MonthCost = CostBreakdown & {
  month: string;
  /** Contacts stored now against the plan's limit (a level, not a monthly count). */
  contacts: { stored: number; limit: number };
  counts: Record<string, number>;
};

/**
 * The one answer to "what has this org used this month, and what does it cost": usage per
 * metric against the plan, included volume, overage, API requests, total. The Usage page, the
 * overage meter and (later) the public API's "current month cost" all call this. The org must
 * already be resolved by the caller (session or API key); nothing here trusts a client id.
 */
export async function currentMonthCost(orgId: string, opts: { month?: string; tx?: Tx | Db } = {}): Promise<MonthCost> {
  const on = opts.tx ?? db;
  const month = opts.month ?? monthOf();
  if (!isMonth(month)) throw new AppError("BAD_REQUEST", "A month is written as YYYY-MM-01.");
  const [org] = await on.select({ plan: orgs.plan }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new AppError("NOT_FOUND", "That organization does not exist.");
  const plan = getPlan(org.plan);
  const rows = await on
    .select({ metric: usageCounters.metric, count: usageCounters.count })
    .from(usageCounters)
    .where(and(eq(usageCounters.orgId, orgId), eq(usageCounters.month, month)));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.metric] = Number(r.count);
  const [stored] = await on.select({ n: sql<number>`count(*)::int` }).from(contacts).where(eq(contacts.orgId, orgId));
  return { ...computeCost(plan, counts), month, counts, contacts: { stored: Number(stored?.n ?? 0), limit: plan.contacts } };
}
