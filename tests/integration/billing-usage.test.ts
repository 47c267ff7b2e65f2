import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { notifications, orgs, usageCounters, usageDaily } from "@/db/schema";
import { checkUsageThresholds } from "@/lib/billing/check-usage-thresholds";
import { currentMonthCost } from "@/lib/billing/current-month-cost";
import { getUsageOverview } from "@/lib/billing/get-usage-overview";
import { incrementUsage } from "@/lib/billing/increment-usage";
import { flushApiMeter, meterApiRequest } from "@/lib/billing/meter-api-request";
import { monthOf } from "@/lib/billing/month";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError } from "../fixtures/expect-error";

const counter = async (orgId: string, metric: string) =>
  Number((await db.select({ c: usageCounters.count }).from(usageCounters).where(and(eq(usageCounters.orgId, orgId), eq(usageCounters.month, monthOf()), eq(usageCounters.metric, metric))))[0]?.c ?? 0);

describe("usage counters", () => {
  it("1,000 concurrent increments lose no update, in the month and the day rollup", async () => {
    const { org } = await createOrgWithOwner();
    await Promise.all(Array.from({ length: 1_000 }, () => incrementUsage([{ orgId: org.id, metric: "emails", count: 1 }])));
    expect(await counter(org.id, "emails")).toBe(1_000);
    const days = await db.select().from(usageDaily).where(and(eq(usageDaily.orgId, org.id), eq(usageDaily.metric, "emails")));
    expect(days.reduce((s, d) => s + Number(d.count), 0)).toBe(1_000);
  });

  it("sums duplicates within one batch and skips empty counts", async () => {
    const { org } = await createOrgWithOwner();
    await incrementUsage([
      { orgId: org.id, metric: "sms", count: 2 },
      { orgId: org.id, metric: "sms", count: 3 },
      { orgId: org.id, metric: "emails", count: 0 },
    ]);
    expect(await counter(org.id, "sms")).toBe(5);
    expect(await counter(org.id, "emails")).toBe(0);
  });

  it("a count written in a rolled-back transaction is not counted", async () => {
    const { org } = await createOrgWithOwner();
    await db
      .transaction(async (tx) => {
        await incrementUsage([{ orgId: org.id, metric: "emails", count: 9 }], tx);
        throw new Error("the work failed");
      })
      .catch(() => {});
    expect(await counter(org.id, "emails")).toBe(0);
  });

  it("API requests are tallied in memory and written in one batch per org and endpoint", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    for (let i = 0; i < 250; i++) meterApiRequest(a.org.id, "POST /v1/messages");
    meterApiRequest(a.org.id, "GET /v1/contacts");
    meterApiRequest(b.org.id, "POST /v1/messages");
    await flushApiMeter();
    expect(await counter(a.org.id, "api:POST /v1/messages")).toBe(250);
    expect(await counter(a.org.id, "api:GET /v1/contacts")).toBe(1);
    expect(await counter(b.org.id, "api:POST /v1/messages")).toBe(1);
  });
});

describe("currentMonthCost and the usage overview", () => {
  it("prices this month's usage at the org's plan", async () => {
    const { org } = await createOrgWithOwner();
    await db.update(orgs).set({ plan: "basic" }).where(eq(orgs.id, org.id));
    await incrementUsage([
      { orgId: org.id, metric: "emails", count: 50_010 },
      { orgId: org.id, metric: "sms", count: 10 },
      { orgId: org.id, metric: "api:POST /v1/messages", count: 1_000 },
    ]);
    const cost = await currentMonthCost(org.id);
    expect(cost.planId).toBe("basic");
    expect(cost.lines.find((l) => l.metric === "emails")).toMatchObject({ used: 50_010, included: 50_000, overageUnits: 10 });
    expect(cost.overageCents).toBeCloseTo(0.8, 6);
    expect(cost.api).toMatchObject({ count: 1_000, costCents: 100 });
    expect(cost.totalCents).toBeCloseTo(2_900 + 0.8 + 100, 6);
    expect(cost.contacts).toEqual({ stored: 0, limit: 10_000 });
  });

  it("the overview has a point per day of the month and is for owners and admins of that org", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    await incrementUsage([{ orgId: a.org.id, metric: "emails", count: 7 }]);
    const view = await getUsageOverview(a.actor);
    expect(view.daily.length).toBeGreaterThanOrEqual(28);
    expect(view.daily.reduce((s, d) => s + d.emails, 0)).toBe(7);
    const admin = await addMember(a.org.id, "admin");
    expect((await getUsageOverview(admin.actor)).cost.lines[0].used).toBe(7);
    await expectAppError(getUsageOverview((await addMember(a.org.id, "member")).actor), "FORBIDDEN");
    // B sees its own (empty) month, never A's.
    expect((await getUsageOverview(b.actor)).cost.lines[0].used).toBe(0);
  });
});

describe("usage notifications", () => {
  it("raises 80% and 100% of included volume once per metric and month", async () => {
    const { org } = await createOrgWithOwner();
    await db.update(orgs).set({ plan: "basic" }).where(eq(orgs.id, org.id));
    await incrementUsage([{ orgId: org.id, metric: "sms", count: 400 }]);
    await checkUsageThresholds();
    await checkUsageThresholds();
    await incrementUsage([{ orgId: org.id, metric: "sms", count: 100 }]);
    await checkUsageThresholds();
    const raised = await db.select({ key: notifications.key }).from(notifications).where(eq(notifications.orgId, org.id));
    const month = monthOf().slice(0, 7);
    expect(raised.map((r) => r.key).sort()).toEqual([`usage-100:sms:${month}`, `usage-80:sms:${month}`]);
  });
});
