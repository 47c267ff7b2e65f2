import { inngest } from "@/inngest/client";
import { EVENTS, senderDispatchSchema } from "@/inngest/events";
import { dispatchBatch } from "@/lib/sending/dispatch/dispatch-batch";
import { MAX_BATCHES_PER_RUN } from "@/lib/sending/dispatch/policy";

export const DISPATCH_FUNCTION_ID = "dispatch-sender";

/**
 * Sends one sender's due messages, a batch per step, at the sender's rate.
 *
 * One run per sender at a time: `concurrency` (limit 1 keyed by sender) keeps two batches of a
 * sender from ever running together, and `singleton` (skip) makes a start while a run is already
 * going a no-op, so the sweep's minute kicks and a launch's kick never add a second run that would
 * double the rate.
 *
 * Each step claims and sends one batch (lib/sending/dispatch/dispatch-batch.ts) and says what
 * comes next: pause for the rest of the sender's second, wait for a row due within two minutes,
 * or stop (nothing due, paused or failing sender, daily cap reached; the sweep starts it again).
 * After MAX_BATCHES_PER_RUN batches the run hands over to a fresh run of itself, so a replay of
 * its memoised steps never grows long.
 */
export const dispatchSender = inngest.createFunction(
  {
    id: DISPATCH_FUNCTION_ID,
    retries: 3,
    concurrency: { limit: 1, key: "event.data.senderId" },
    singleton: { key: "event.data.senderId", mode: "skip" },
    triggers: [{ event: EVENTS.senderDispatch }],
  },
  async ({ event, step }) => {
    const { orgId, senderId } = senderDispatchSchema.parse(event.data);
    const totals = { batches: 0, sent: 0, retried: 0, failed: 0, dropped: 0, pausedMs: 0 };
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const batch = await step.run("batch", () => dispatchBatch(senderId));
      totals.batches++;
      totals.sent += batch.sent;
      totals.retried += batch.retried;
      totals.failed += batch.failed;
      totals.dropped += batch.dropped;
      const next = batch.next;
      if (next.kind === "stop") return { senderId, ...totals, stopped: next.reason };
      if (next.kind === "at") await step.sleepUntil("wait", next.at);
      else if (batch.pauseMs > 0) {
        totals.pausedMs += batch.pauseMs;
        await step.sleep("pace", batch.pauseMs);
      }
    }
    // A second later: Inngest starts it once this run is over, not skipped as a duplicate of it.
    await step.sendEvent("continue", { name: EVENTS.senderDispatch, data: { orgId, senderId }, ts: Date.now() + 1000 });
    return { senderId, ...totals, continued: true };
  },
);

