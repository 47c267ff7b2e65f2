import { and, eq, lte } from "drizzle-orm";
import { db } from "@/db";
import { subscriptions } from "@/db/schema";
import { dispatchSystemEmails } from "@/lib/mail/queue-system-email";
import type { QueuedEmail } from "@/lib/notifications/raise-notification";
import { applyBillingState } from "./apply-billing-state";

const addMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

/**
 * Development-mode subscriptions (no Stripe) at their period end: apply the scheduled
 * downgrade, if any, and start the next period. Stripe-managed ones change only by webhook.
 * Each org in its own transaction, re-checked under the row lock, so two runs apply it once.
 */
export async function applyScheduledPlans(now = new Date()): Promise<number> {
  const due = await db
    .select({ orgId: subscriptions.orgId })
    .from(subscriptions)
    .where(and(eq(subscriptions.provider, "manual"), lte(subscriptions.currentPeriodEnd, now)));
  let applied = 0;
  const emails: QueuedEmail[] = [];
  for (const { orgId } of due) {
    await db.transaction(async (tx) => {
      const [sub] = await tx.select().from(subscriptions).where(eq(subscriptions.orgId, orgId)).for("update");
      if (!sub?.currentPeriodEnd || sub.currentPeriodEnd > now || sub.provider !== "manual") return;
      let start = sub.currentPeriodEnd;
      let end = addMonth(start);
      while (end <= now) [start, end] = [end, addMonth(end)];
      const result = await applyBillingState(tx, {
        orgId,
        provider: "manual",
        state: { subscriptionId: null, priceId: null, status: "active", plan: sub.pendingPlan ?? sub.plan, periodStart: start, periodEnd: end, cancelAtPeriodEnd: false },
        pendingPlan: null,
      });
      emails.push(...result.emails);
      applied++;
    });
  }
  await dispatchSystemEmails(emails);
  return applied;
}
