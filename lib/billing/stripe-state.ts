import type Stripe from "stripe";
import { planForPrice } from "./config";
import type { PlanId } from "./plans";

// Statuses in which the customer keeps the paid plan: past_due while Stripe retries the card.
const PAID_STATUSES = new Set(["active", "trialing", "past_due"]);
const LIVE_STATUSES = new Set([...PAID_STATUSES, "unpaid", "incomplete", "paused"]);

export type SubscriptionState = {
  subscriptionId: string | null;
  priceId: string | null;
  status: string;
  plan: PlanId;
  periodStart: Date | null;
  periodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
};

const at = (s: number | null | undefined) => (s ? new Date(s * 1000) : null);

/**
 * The org's billing state from the customer's subscriptions as Stripe has them now: the live
 * one if any (newest first), else the newest ended one. A price Herald does not know keeps the
 * customer on Hobby rather than guessing a plan.
 */
export function stateFromSubscriptions(subs: Stripe.Subscription[]): SubscriptionState {
  const sorted = [...subs].sort((a, b) => b.created - a.created);
  const sub = sorted.find((s) => LIVE_STATUSES.has(s.status)) ?? sorted[0];
  if (!sub) return { subscriptionId: null, priceId: null, status: "none", plan: "hobby", periodStart: null, periodEnd: null, cancelAtPeriodEnd: false };
  // Since API 2025-03-31 the period lives on the items; the licensed (plan) item carries the price.
  const items = sub.items?.data ?? [];
  const planItem = items.find((i) => planForPrice(i.price?.id)) ?? items[0];
  const priceId = planItem?.price?.id ?? null;
  const known = planForPrice(priceId);
  const plan: PlanId = PAID_STATUSES.has(sub.status) && known ? known : "hobby";
  return {
    subscriptionId: sub.id,
    priceId,
    status: sub.status,
    plan,
    periodStart: at(planItem?.current_period_start),
    periodEnd: at(planItem?.current_period_end),
    cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
  };
}

/** The customer id of an event's object, whichever shape it has (string or expanded). */
export function customerOf(object: unknown): string | null {
  const c = (object as { customer?: unknown } | null)?.customer;
  if (typeof c === "string") return c;
  if (c && typeof c === "object" && typeof (c as { id?: unknown }).id === "string") return (c as { id: string }).id;
  return null;
}
