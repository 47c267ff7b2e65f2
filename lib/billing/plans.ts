/**
 * Plans: the one source of truth for every price and limit. The pricing page, limit checks
 * and (later) usage costing read this table; amounts never come from the client.
 */
export type PlanId = "hobby" | "basic" | "pro" | "premium";

export type Plan = {
  id: PlanId;
  name: string;
  tagline: string;
  /** Monthly price in US cents. */
  priceCents: number;
  /** Hobby: credits granted each billing month; one credit per message. */
  monthlyCredits: number | null;
  includedEmails: number;
  includedSms: number;
  contacts: number;
  seats: number;
  senders: number;
  /** Pay-as-you-go price per message beyond the included volume, in US cents (fractional). */
  overageEmailCents: number | null;
  overageSmsCents: number | null;
  /** Price per API request, in US cents. */
  apiRequestCents: number;
  /** Per-endpoint API prices in US cents (`"POST /v1/messages"`), overriding `apiRequestCents`. */
  apiEndpointCents?: Record<string, number>;
  /** The environment variable holding this plan's Stripe price id (paid plans). */
  stripePriceEnv: string | null;
  features: string[];
};

export const PLANS: Record<PlanId, Plan> = {
  hobby: {
    id: "hobby",
    stripePriceEnv: null,
    name: "Hobby",
    tagline: "For side projects and trying Herald out.",
    priceCents: 0,
    monthlyCredits: 1_000,
    includedEmails: 1_000,
    includedSms: 0,
    contacts: 500,
    seats: 2,
    senders: 1,
    overageEmailCents: null,
    overageSmsCents: null,
    // API requests on Hobby cost credits-free: the free plan has no bill to add them to.
    apiRequestCents: 0,
    features: ["1,000 credits every month", "Email campaigns and transactional API", "Open and click tracking"],
  },
  basic: {
    id: "basic",
    stripePriceEnv: "STRIPE_PRICE_BASIC",
    name: "Basic",
    tagline: "For small teams sending every week.",
    priceCents: 2_900,
    monthlyCredits: null,
    includedEmails: 50_000,
    includedSms: 500,
    contacts: 10_000,
    seats: 5,
    senders: 3,
    overageEmailCents: 0.08,
    overageSmsCents: 4,
    apiRequestCents: 0.1,
    features: ["Email and SMS campaigns", "Recipient timezones and business hours", "CSV import and segments"],
  },
  pro: {
    id: "pro",
    stripePriceEnv: "STRIPE_PRICE_PRO",
    name: "Pro",
    tagline: "For growing audiences and several senders.",
    priceCents: 9_900,
    monthlyCredits: null,
    includedEmails: 250_000,
    includedSms: 2_500,
    contacts: 100_000,
    seats: 15,
    senders: 10,
    overageEmailCents: 0.06,
    overageSmsCents: 3.5,
    apiRequestCents: 0.1,
    features: ["Everything in Basic", "Sender pools with daily caps", "Analytics and daily reports"],
  },
  premium: {
    id: "premium",
    stripePriceEnv: "STRIPE_PRICE_PREMIUM",
    name: "Premium",
    tagline: "For high volume and strict deliverability.",
    priceCents: 39_900,
    monthlyCredits: null,
    includedEmails: 1_500_000,
    includedSms: 15_000,
    contacts: 1_000_000,
    seats: 50,
    senders: 50,
    overageEmailCents: 0.04,
    overageSmsCents: 3,
    apiRequestCents: 0.1,
    features: ["Everything in Pro", "Dedicated sending domains", "Priority support"],
  },
};

export const PLAN_ORDER: PlanId[] = ["hobby", "basic", "pro", "premium"];

export const getPlan = (id: PlanId): Plan => PLANS[id];

export const isPlanId = (v: unknown): v is PlanId => typeof v === "string" && (PLAN_ORDER as string[]).includes(v);

/** Positive when `to` is a bigger plan than `from`. */
export const comparePlans = (from: PlanId, to: PlanId) => PLAN_ORDER.indexOf(to) - PLAN_ORDER.indexOf(from);

/** The unit price of one API request to `endpoint` on `plan`, in US cents. */
export const apiRequestPrice = (plan: Plan, endpoint: string) => plan.apiEndpointCents?.[endpoint] ?? plan.apiRequestCents;

export function formatCents(cents: number): string {
  const dollars = cents / 100;
  if (dollars >= 1 || dollars === 0) return `$${dollars.toLocaleString("en-US", { maximumFractionDigits: 2 })}`;
  return `$${dollars.toLocaleString("en-US", { maximumFractionDigits: 5 })}`;
}
