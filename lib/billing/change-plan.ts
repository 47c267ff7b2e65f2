import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { orgs, subscriptions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { dispatchSystemEmails } from "@/lib/mail/queue-system-email";
import type { Actor } from "@/lib/orgs/actor";
import { applyBillingState } from "./apply-billing-state";
import { monthOf, nextMonth } from "./month";
import { openBillingPortal } from "./open-billing-portal";
import { requireBillingOwner } from "./permissions";
import { comparePlans, getPlan } from "./plans";
import { planChoiceSchema } from "./schemas";
import { startCheckout } from "./start-checkout";
import { stripeClient } from "./stripe-client";
import { stateFromSubscriptions } from "./stripe-state";

export type PlanChangeResult = { redirect?: string; message: string };

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * An owner's plan change. With Stripe: Hobby -> paid opens Checkout; paid -> paid goes through
 * the customer portal; paid -> Hobby cancels at the period end. Without Stripe (development):
 * an upgrade applies now, a downgrade is scheduled for the end of the billing month. Either way
 * a downgrade never takes effect before the period the org paid for is over.
 */
export async function changePlan(actor: Actor, input: z.input<typeof planChoiceSchema>): Promise<PlanChangeResult> {
  requireBillingOwner(actor);
  const { plan: target } = planChoiceSchema.parse(input);
  const [org] = await db.select({ plan: orgs.plan, customerId: orgs.stripeCustomerId }).from(orgs).where(eq(orgs.id, actor.orgId));
  if (org.plan === target) throw new AppError("CONFLICT", `You are already on ${getPlan(target).name}.`, { plan: "That is your current plan." });
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.orgId, actor.orgId));

  const stripe = stripeClient();
  if (stripe) {
    if (org.plan === "hobby") return { redirect: (await startCheckout(actor, { plan: target })).url, message: "Opening Checkout…" };
    if (target !== "hobby") return { redirect: (await openBillingPortal(actor)).url, message: "Opening the billing portal…" };
    if (!sub?.stripeSubscriptionId || !org.customerId) throw new AppError("CONFLICT", "No Stripe subscription to cancel was found; open Manage billing.");
    await stripe.subscriptions.update(sub.stripeSubscriptionId, { cancel_at_period_end: true });
    // Re-read rather than trust our own call's answer: the webhook will do the same.
    const subs = await stripe.subscriptions.list({ customer: org.customerId, status: "all", limit: 20 });
    const emails = await db.transaction(async (tx) => {
      const applied = await applyBillingState(tx, { orgId: actor.orgId, provider: "stripe", state: stateFromSubscriptions(subs.data) });
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "billing.cancel_scheduled", targetType: "org", targetId: actor.orgId, data: { from: org.plan } });
      return applied.emails;
    });
    await dispatchSystemEmails(emails);
    return { message: `Your ${getPlan(org.plan).name} plan will end at the end of the billing period; then you move to Hobby.` };
  }

  // Development: no payment provider, nothing charged. The billing month is the calendar month.
  const periodStart = sub?.currentPeriodStart ?? utc(monthOf());
  const periodEnd = sub?.currentPeriodEnd ?? utc(nextMonth(monthOf()));
  const upgrade = comparePlans(org.plan, target) > 0;
  const emails = await db.transaction(async (tx) => {
    const applied = await applyBillingState(tx, {
      orgId: actor.orgId,
      provider: "manual",
      state: {
        subscriptionId: null,
        priceId: null,
        status: "active",
        plan: upgrade ? target : org.plan,
        periodStart,
        periodEnd,
        cancelAtPeriodEnd: false,
      },
      pendingPlan: upgrade ? null : target,
    });
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: upgrade ? "billing.plan_changed" : "billing.downgrade_scheduled",
      targetType: "org",
      targetId: actor.orgId,
      data: { from: org.plan, to: target, provider: "manual" },
    });
    return applied.emails;
  });
  await dispatchSystemEmails(emails);
  return upgrade
    ? { message: `You are now on ${getPlan(target).name}. Billing is not configured, so nothing was charged.` }
    : { message: `Your plan moves to ${getPlan(target).name} at the end of the billing month.` };
}
