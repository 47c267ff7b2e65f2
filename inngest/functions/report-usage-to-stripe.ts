import { inngest } from "@/inngest/client";
import { checkUsageThresholds, snapshotContactUsage } from "@/lib/billing/check-usage-thresholds";
import { reportOverage } from "@/lib/billing/report-overage";
import { stripeClient } from "@/lib/billing/stripe-client";

/**
 * Every 30 minutes: record the contacts level, raise usage notifications, and report paying
 * orgs' overage to Stripe as meter events (idempotent: see lib/billing/report-overage.ts).
 */
export const reportUsageToStripe = inngest.createFunction(
  { id: "report-usage-to-stripe", retries: 3, concurrency: { limit: 1 }, triggers: [{ cron: "*/30 * * * *" }] },
  async ({ step }) => {
    await step.run("snapshot-contacts", () => snapshotContactUsage());
    const notified = await step.run("usage-thresholds", () => checkUsageThresholds());
    const reported = await step.run("report-overage", async () => {
      const stripe = stripeClient();
      return stripe ? reportOverage(stripe) : { skipped: "billing not configured" };
    });
    return { notified, reported };
  },
);
