import { z } from "zod";
import { PLAN_ORDER, PLANS, type PlanId } from "./plans";

/**
 * Billing's environment, read at call time so tests can point it at the Stripe fake.
 * (Kept here rather than in lib/env.ts until the lead folds it in.) With no STRIPE_SECRET_KEY
 * billing is "not configured": nothing pretends to charge and owners switch plans directly.
 */
const billingEnvSchema = z.object({
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_API_HOST: z.string().min(1).optional(),
  STRIPE_API_PORT: z.coerce.number().int().positive().optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
  STRIPE_PRICE_BASIC: z.string().min(1).optional(),
  STRIPE_PRICE_PRO: z.string().min(1).optional(),
  STRIPE_PRICE_PREMIUM: z.string().min(1).optional(),
  // Meter event names: one Stripe meter per billed metric, each priced on the plan's subscription.
  STRIPE_METER_EMAILS: z.string().default("herald_email_overage"),
  STRIPE_METER_SMS: z.string().default("herald_sms_overage"),
  STRIPE_METER_API: z.string().default("herald_api_requests"),
});

export type BillingEnv = z.infer<typeof billingEnvSchema>;

export function billingEnv(): BillingEnv {
  const empty = (v: string | undefined) => (v === "" ? undefined : v);
  const raw = Object.fromEntries(Object.keys(billingEnvSchema.shape).map((k) => [k, empty(process.env[k])]));
  return billingEnvSchema.parse(raw);
}

export const stripeConfigured = () => Boolean(billingEnv().STRIPE_SECRET_KEY);

/** The Stripe price id configured for a paid plan, or null. */
export function priceIdFor(plan: PlanId): string | null {
  const name = PLANS[plan].stripePriceEnv;
  if (!name) return null;
  return (billingEnv() as unknown as Record<string, string | undefined>)[name] ?? null;
}

/** The plan a Stripe price id stands for; null for a price Herald does not know. */
export function planForPrice(priceId: string | null | undefined): PlanId | null {
  if (!priceId) return null;
  return PLAN_ORDER.find((p) => priceIdFor(p) === priceId) ?? null;
}

/** Meter event name per billed metric (`emails`, `sms`, `api`). */
export function meterEventName(metric: "emails" | "sms" | "api"): string {
  const e = billingEnv();
  return metric === "emails" ? e.STRIPE_METER_EMAILS : metric === "sms" ? e.STRIPE_METER_SMS : e.STRIPE_METER_API;
}
