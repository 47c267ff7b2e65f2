import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { orgs } from "@/db/schema";
import { raiseNotification, type QueuedEmail } from "@/lib/notifications/raise-notification";
import { monthKey, monthOf } from "./month";
import { PLANS } from "./plans";

/**
 * Hobby's "usage at 80%" and "credits exhausted", raised when a take crosses the threshold
 * (so the common take costs no extra query), once per org and month by the notification key.
 */
export async function notifyCreditThresholds(tx: Tx | Db, orgId: string, before: number, after: number): Promise<QueuedEmail[]> {
  const allowance = PLANS.hobby.monthlyCredits ?? 0;
  if (allowance <= 0) return [];
  const warnAt = Math.floor(allowance * 0.2);
  const crossedWarn = before > warnAt && after <= warnAt && after > 0;
  const exhausted = before > 0 && after === 0;
  if (!crossedWarn && !exhausted) return [];
  const [org] = await tx.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, orgId));
  const month = monthKey(monthOf());
  const link = `/o/${org.slug}/billing`;
  if (exhausted) {
    return raiseNotification(tx, {
      orgId,
      key: `credits-exhausted:${month}`,
      kind: "credits-exhausted",
      title: "You are out of credits",
      body: "Sending is paused until your credits refill at the start of next month. Upgrade to a paid plan to keep sending now.",
      link,
    });
  }
  return raiseNotification(tx, {
    orgId,
    key: `credits-80:${month}`,
    kind: "usage-80",
    title: "80% of this month's credits used",
    body: `You have ${after.toLocaleString("en-US")} of ${allowance.toLocaleString("en-US")} credits left this month. Upgrade for included volume and pay-as-you-go sending.`,
    link,
  });
}
