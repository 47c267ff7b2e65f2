import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { contacts, orgs, subscriptions } from "@/db/schema";
import { atLeast, type Actor } from "@/lib/orgs/actor";
import { priceIdFor, stripeConfigured } from "./config";
import { downgradeWarnings } from "./downgrade-warnings";
import { seatsInUse } from "./limits";
import { requireBillingViewer } from "./permissions";
import { PLAN_ORDER, PLANS, comparePlans } from "./plans";

/** The billing page: current plan and its status, usage against limits, and each plan as an option. */
export async function getBillingOverview(actor: Actor) {
  requireBillingViewer(actor);
  const [org] = await db.select({ plan: orgs.plan, credits: orgs.credits, customerId: orgs.stripeCustomerId }).from(orgs).where(eq(orgs.id, actor.orgId));
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.orgId, actor.orgId));
  const seats = await seatsInUse(db, actor.orgId);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(eq(contacts.orgId, actor.orgId));
  const usage = { seats, contacts: Number(c.n) };
  const current = PLANS[org.plan];
  const configured = stripeConfigured();
  return {
    configured,
    canChangePlan: atLeast(actor.role, "owner"),
    plan: current,
    credits: org.credits,
    hasCustomer: Boolean(org.customerId),
    subscription: sub
      ? {
          provider: sub.provider,
          status: sub.status,
          periodEnd: sub.currentPeriodEnd,
          cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
          pendingPlan: sub.pendingPlan ? PLANS[sub.pendingPlan] : null,
        }
      : null,
    usage,
    plans: PLAN_ORDER.map((id) => {
      const plan = PLANS[id];
      const direction = id === org.plan ? "current" : comparePlans(org.plan, id) > 0 ? "upgrade" : "downgrade";
      return {
        ...plan,
        direction,
        // With Stripe, a paid plan can only be bought if its price id is configured.
        available: !configured || id === "hobby" || Boolean(priceIdFor(id)),
        warnings: direction === "downgrade" ? downgradeWarnings(current, plan, usage) : [],
      };
    }),
  };
}

export type BillingOverview = Awaited<ReturnType<typeof getBillingOverview>>;
