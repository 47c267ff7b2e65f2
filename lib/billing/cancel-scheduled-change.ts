import { eq } from "drizzle-orm";
import { db } from "@/db";
import { orgs, subscriptions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { applyBillingState } from "./apply-billing-state";
import { requireBillingOwner } from "./permissions";
import { stripeClient } from "./stripe-client";
import { stateFromSubscriptions } from "./stripe-state";

/** Keeps the current plan: undoes a scheduled downgrade (or a Stripe cancellation at period end). */
export async function cancelScheduledChange(actor: Actor): Promise<{ message: string }> {
  requireBillingOwner(actor);
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.orgId, actor.orgId));
  if (!sub || (!sub.pendingPlan && !sub.cancelAtPeriodEnd)) throw new AppError("CONFLICT", "No plan change is scheduled.");
  const stripe = stripeClient();
  if (sub.provider === "stripe") {
    if (!stripe || !sub.stripeSubscriptionId) throw new AppError("CONFLICT", "Open Manage billing to keep your plan.");
    const [org] = await db.select({ customerId: orgs.stripeCustomerId }).from(orgs).where(eq(orgs.id, actor.orgId));
    await stripe.subscriptions.update(sub.stripeSubscriptionId, { cancel_at_period_end: false });
    const subs = await stripe.subscriptions.list({ customer: org.customerId!, status: "all", limit: 20 });
    await db.transaction((tx) => applyBillingState(tx, { orgId: actor.orgId, provider: "stripe", state: stateFromSubscriptions(subs.data) }));
  } else {
    await db.update(subscriptions).set({ pendingPlan: null, updatedAt: new Date() }).where(eq(subscriptions.orgId, actor.orgId));
  }
  await recordAudit(db, { orgId: actor.orgId, actorId: actor.userId, action: "billing.scheduled_change_cancelled", targetType: "org", targetId: actor.orgId });
  return { message: "Your current plan continues." };
}
