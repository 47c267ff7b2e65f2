import { formatCents, type Plan } from "@/lib/billing/plans";

/** Whole numbers with thousands separators, always en-US so server and client agree. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** Monthly price label: "Free" for a zero price, else "$29". */
export function formatPlanPrice(plan: Plan): string {
  return plan.priceCents === 0 ? "Free" : formatCents(plan.priceCents);
}

/**
 * Price of 1,000 messages or requests, from a per-unit price in (fractional) US cents:
 * 0.08 → "$0.80". Rounded to a hundredth of a cent first so float noise never shows.
 */
export function formatPer1000(centsPerUnit: number): string {
  const cents = Math.round(centsPerUnit * 1000 * 100) / 100;
  return `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
}

/** Price of a single unit: 4 → "$0.04", 0.08 → "$0.0008". */
export function formatPerUnit(centsPerUnit: number): string {
  return formatCents(centsPerUnit);
}

/** "1,000 credits every month, one credit per message" for credit plans, else "50,000 emails / month". */
export function emailAllowanceLabel(plan: Plan): string {
  if (plan.monthlyCredits !== null) {
    return `${formatCount(plan.monthlyCredits)} credits every month, one credit per message`;
  }
  return `${formatCount(plan.includedEmails)} emails / month`;
}

export function smsAllowanceLabel(plan: Plan): string {
  return plan.includedSms > 0 ? `${formatCount(plan.includedSms)} SMS / month` : "SMS not included";
}

export function overageEmailLabel(plan: Plan): string | null {
  return plan.overageEmailCents === null ? null : `${formatPer1000(plan.overageEmailCents)} per 1,000 extra emails`;
}

export function overageSmsLabel(plan: Plan): string | null {
  return plan.overageSmsCents === null ? null : `${formatPer1000(plan.overageSmsCents)} per 1,000 extra SMS`;
}

export function apiRequestsLabel(plan: Plan): string {
  return `${formatPer1000(plan.apiRequestCents)} per 1,000 API requests`;
}
