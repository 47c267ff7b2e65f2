import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { orgs, subscriptions } from "@/db/schema";
import { raiseNotification, type QueuedEmail } from "@/lib/notifications/raise-notification";
import { getPlan, type PlanId } from "./plans";
import { refillCredits } from "./refill-credits";
import type { SubscriptionState } from "./stripe-state";

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const keyDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "none");

/**
 * Writes an org's billing state (from Stripe, or an owner's switch in development) and raises
 * the notifications the change calls for, each keyed by its cause so a re-sync raises nothing
 * new. Locks the org row: concurrent syncs of one org apply one after the other.
 * Returns notification e-mails to dispatch after commit.
 */
export async function applyBillingState(
  tx: Tx,
  input: { orgId: string; provider: "stripe" | "manual"; state: SubscriptionState; pendingPlan?: PlanId | null; paymentFailed?: boolean },
): Promise<{ previousPlan: PlanId; plan: PlanId; emails: QueuedEmail[] }> {
  const { orgId, state } = input;
  const [org] = await tx.select({ plan: orgs.plan, slug: orgs.slug }).from(orgs).where(eq(orgs.id, orgId)).for("update");
  const previousPlan = org.plan;
  const values = {
    provider: input.provider,
    stripeSubscriptionId: state.subscriptionId,
    stripePriceId: state.priceId,
    plan: state.plan,
    status: state.status,
    currentPeriodStart: state.periodStart,
    currentPeriodEnd: state.periodEnd,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    pendingPlan: input.pendingPlan ?? null,
    updatedAt: sql`now()`,
  };
  await tx.insert(subscriptions).values({ orgId, ...values }).onConflictDoUpdate({ target: subscriptions.orgId, set: values });
  if (previousPlan !== state.plan) {
    await tx.update(orgs).set({ plan: state.plan, updatedAt: sql`now()` }).where(eq(orgs.id, orgId));
    // Back on Hobby: this month's credits, once (the refill's key stops a second grant).
    if (state.plan === "hobby") await refillCredits({ orgId, tx });
  }

  const link = `/o/${org.slug}/billing`;
  const sub = state.subscriptionId ?? input.provider;
  const emails: QueuedEmail[] = [];
  const raise = async (key: string, kind: string, title: string, body: string) =>
    emails.push(...(await raiseNotification(tx, { orgId, key, kind, title, body, link })));

  if (previousPlan !== state.plan && state.plan !== "hobby") {
    await raise(
      `plan-changed:${sub}:${state.plan}:${keyDate(state.periodStart)}`,
      "subscription-changed",
      `You are now on ${getPlan(state.plan).name}`,
      `Your subscription changed from ${getPlan(previousPlan).name} to ${getPlan(state.plan).name}. The new limits apply now.`,
    );
  }
  if (previousPlan !== "hobby" && state.plan === "hobby") {
    await raise(
      `subscription-ended:${sub}:${keyDate(state.periodEnd)}`,
      "subscription-cancelled",
      "Your paid plan has ended",
      `Your ${getPlan(previousPlan).name} subscription ended and the organization is back on Hobby, with its monthly credits and limits.`,
    );
  }
  if (state.cancelAtPeriodEnd && state.plan !== "hobby") {
    await raise(
      `subscription-cancel-scheduled:${sub}:${keyDate(state.periodEnd)}`,
      "subscription-cancelled",
      "Your subscription is set to end",
      `Your ${getPlan(state.plan).name} plan ends${state.periodEnd ? ` on ${dateFmt.format(state.periodEnd)}` : " at the end of the period"}; after that the organization moves to Hobby.`,
    );
  }
  if (input.pendingPlan && input.pendingPlan !== state.plan) {
    await raise(
      `plan-change-scheduled:${sub}:${input.pendingPlan}:${keyDate(state.periodEnd)}`,
      "subscription-changed",
      `Moving to ${getPlan(input.pendingPlan).name} at the end of the period`,
      `Your plan changes from ${getPlan(state.plan).name} to ${getPlan(input.pendingPlan).name}${state.periodEnd ? ` on ${dateFmt.format(state.periodEnd)}` : ""}.`,
    );
  }
  if (input.paymentFailed || state.status === "past_due") {
    await raise(
      `payment-failed:${sub}:${keyDate(state.periodStart)}`,
      "payment-failed",
      "A payment failed",
      "Stripe could not charge the card on file. Update your payment method in Manage billing to keep your plan.",
    );
  }
  return { previousPlan, plan: state.plan, emails };
}
