import { inngest } from "@/inngest/client";
import { applyScheduledPlans } from "@/lib/billing/apply-scheduled-plans";
import { refillCredits } from "@/lib/billing/refill-credits";

/**
 * Hourly: at the start of each billing month, apply scheduled downgrades (development mode)
 * and reset Hobby credits. Both are idempotent per org and period, so running hourly is safe
 * and a missed hour is caught up by the next.
 */
export const refillCreditsFn = inngest.createFunction(
  { id: "billing-month-rollover", retries: 3, concurrency: { limit: 1 }, triggers: [{ cron: "7 * * * *" }] },
  async ({ step }) => {
    const plans = await step.run("apply-scheduled-plans", () => applyScheduledPlans());
    const credits = await step.run("refill-credits", () => refillCredits());
    return { plans, credits };
  },
);
