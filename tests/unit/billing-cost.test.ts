import { describe, expect, it } from "vitest";
import { computeCost } from "@/lib/billing/compute-cost";
import { PLANS, formatCents, type Plan } from "@/lib/billing/plans";

const line = (c: ReturnType<typeof computeCost>, metric: "emails" | "sms") => c.lines.find((l) => l.metric === metric)!;

describe("computeCost: the month's cost at the plan's prices", () => {
  it.each([
    // plan, emails, sms, api, expected overage cents, expected api cents, expected total cents
    ["hobby", 0, 0, 0, 0, 0, 0],
    ["hobby", 5_000, 0, 100, 0, 0, 0], // Hobby never bills: credits refuse instead
    ["basic", 50_000, 500, 0, 0, 0, 2_900], // exactly the included volume
    ["basic", 50_001, 0, 0, 0.08, 0, 2_900.08],
    ["basic", 60_000, 510, 0, 800 + 40, 0, 2_900 + 840],
    ["basic", 0, 0, 1_000, 0, 100, 3_000], // $0.001 per API request
    ["pro", 1_250_000, 2_500, 0, 60_000, 0, 69_900],
    ["premium", 2_500_000, 15_001, 2_000_000, 40_000 + 3, 200_000, 39_900 + 40_003 + 200_000],
  ] as const)("%s with %i e-mails, %i SMS, %i API calls", (planId, emails, sms, api, overage, apiCents, total) => {
    const c = computeCost(PLANS[planId], { emails, sms, ...(api ? { "api:POST /v1/messages": api } : {}) });
    expect(c.overageCents).toBeCloseTo(overage, 6);
    expect(c.api.costCents).toBeCloseTo(apiCents, 6);
    expect(c.totalCents).toBeCloseTo(total, 6);
    expect(c.baseCents).toBe(PLANS[planId].priceCents);
  });

  it("adds no float drift over a million units", () => {
    const c = computeCost(PLANS.basic, { emails: 1_050_000 });
    expect(line(c, "emails").overageUnits).toBe(1_000_000);
    expect(line(c, "emails").costCents).toBe(80_000);
  });

  it("prices API endpoints separately when the plan table says so, and sums them", () => {
    const plan: Plan = { ...PLANS.basic, apiEndpointCents: { "POST /v1/messages": 0.2 } };
    const c = computeCost(plan, { "api:POST /v1/messages": 10, "api:GET /v1/contacts": 30 });
    expect(c.api.count).toBe(40);
    expect(c.api.endpoints).toEqual([
      { endpoint: "GET /v1/contacts", count: 30, unitCents: 0.1, costCents: 3 },
      { endpoint: "POST /v1/messages", count: 10, unitCents: 0.2, costCents: 2 },
    ]);
    expect(c.api.costCents).toBe(5);
  });

  it("reports Hobby's e-mail allowance as its credits and no overage price", () => {
    const c = computeCost(PLANS.hobby, { emails: 1_200 });
    expect(line(c, "emails")).toMatchObject({ included: 1_000, overageUnits: 0, unitCents: null, costCents: 0 });
  });

  it("ignores metrics it does not price (contacts is a level, not a charge)", () => {
    expect(computeCost(PLANS.pro, { contacts: 99_999 }).totalCents).toBe(9_900);
  });

  it("formats fractions of a cent", () => {
    expect(formatCents(0.08)).toBe("$0.0008");
    expect(formatCents(2_900.08)).toBe("$29");
    expect(formatCents(12_345)).toBe("$123.45");
  });
});
