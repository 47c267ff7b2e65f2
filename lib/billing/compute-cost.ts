import { apiRequestPrice, type Plan } from "./plans";

export type MetricLine = {
  metric: "emails" | "sms";
  label: string;
  used: number;
  /** Included volume this month (Hobby: its monthly credits, for e-mails). */
  included: number;
  overageUnits: number;
  /** Price per unit beyond the included volume, in US cents; null when the plan has no overage (Hobby). */
  unitCents: number | null;
  costCents: number;
};

export type ApiLine = { endpoint: string; count: number; unitCents: number; costCents: number };

export type CostBreakdown = {
  planId: Plan["id"];
  baseCents: number;
  lines: MetricLine[];
  api: { count: number; costCents: number; endpoints: ApiLine[] };
  overageCents: number;
  totalCents: number;
};

// Prices are fractions of a cent (0.08¢); multiply in ten-thousandths of a cent, as integers,
// so 1,000,000 × 0.08¢ is exactly 80,000¢ and not 79,999.99999.
const E4 = 10_000;
const toE4 = (cents: number) => Math.round(cents * E4);
const times = (units: number, cents: number) => (units * toE4(cents)) / E4;

/**
 * The month's cost at the plan's prices from its usage counts (`emails`, `sms`, `api:<endpoint>`).
 * Pure: the Usage page, the overage meter and (later) the API all read it.
 */
export function computeCost(plan: Plan, counts: Record<string, number>): CostBreakdown {
  const line = (metric: "emails" | "sms", label: string, included: number, unitCents: number | null): MetricLine => {
    const used = counts[metric] ?? 0;
    const overageUnits = unitCents === null ? 0 : Math.max(0, used - included);
    return { metric, label, used, included, overageUnits, unitCents, costCents: unitCents === null ? 0 : times(overageUnits, unitCents) };
  };
  const lines = [
    line("emails", "E-mails", plan.monthlyCredits ?? plan.includedEmails, plan.overageEmailCents),
    line("sms", "SMS", plan.includedSms, plan.overageSmsCents),
  ];
  const endpoints: ApiLine[] = Object.entries(counts)
    .filter(([k]) => k.startsWith("api:"))
    .map(([k, count]) => {
      const endpoint = k.slice(4);
      const unitCents = apiRequestPrice(plan, endpoint);
      return { endpoint, count, unitCents, costCents: times(count, unitCents) };
    })
    .sort((a, b) => b.count - a.count || a.endpoint.localeCompare(b.endpoint));
  const apiE4 = endpoints.reduce((s, e) => s + e.count * toE4(e.unitCents), 0);
  const overageE4 = lines.reduce((s, l) => s + (l.unitCents === null ? 0 : l.overageUnits * toE4(l.unitCents)), 0);
  return {
    planId: plan.id,
    baseCents: plan.priceCents,
    lines,
    api: { count: endpoints.reduce((s, e) => s + e.count, 0), costCents: apiE4 / E4, endpoints },
    overageCents: overageE4 / E4,
    totalCents: (plan.priceCents * E4 + overageE4 + apiE4) / E4,
  };
}
