import { inngest } from "@/inngest/client";
import { dispatchEvents } from "@/lib/sending/dispatch/kick-dispatch";
import { sweepMessages } from "@/lib/sending/dispatch/sweep-messages";
import { foldAllTrackingHits } from "@/lib/tracking/fold-hits";

/**
 * Every minute: take back rows whose dispatch lease expired, cancel rows past their finish time,
 * finish campaigns with nothing left, and start dispatch for every sender with rows due (scheduled
 * and timezone-shifted sends coming due, resumed campaigns, retries, rows taken back). A sender
 * already being dispatched ignores the extra start. See lib/sending/dispatch/sweep-messages.ts for
 * what this guarantees and the one duplicate it cannot rule out. Also folds tracking hits that
 * no recorder folded (its process stopped, or a serverless route handler answered and froze).
 */
export const sweepMessagesFn = inngest.createFunction(
  { id: "sweep-messages", retries: 1, concurrency: { limit: 1 }, triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const report = await step.run("sweep", () => sweepMessages());
    if (report.due.length) await step.sendEvent("kick-dispatch", dispatchEvents(report.due));
    // At most 60 batches (300,000 hits) a minute here, so a large backlog never holds up the
    // next sweep's lease and dispatch work; the recorders fold the rest.
    const folded = await step.run("fold-tracking-hits", () => foldAllTrackingHits(60));
    return { folded, requeued: report.requeued, failed: report.failed, expired: report.expired, finished: report.finished, kicked: report.due.length };
  },
);
