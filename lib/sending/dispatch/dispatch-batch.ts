import { composeBatch, type Composed } from "@/lib/messages/compose/compose-batch";
import { appUrl } from "@/lib/env";
import { errorText } from "@/lib/sending/providers/map-limit";
import { providerForConnection } from "@/lib/sending/providers/provider-for-connection";
import { failure, type OutgoingEmail, type OutgoingSms, type ProviderResult } from "@/lib/sending/providers/types";
import { withBatchSlot } from "./batch-slots";
import { claimBatch, type ClaimedMessage } from "./claim-batch";
import { loadDispatchTarget, type DispatchTarget } from "./dispatch-target";
import { markFailingOnAuthErrors } from "./mark-sender-failing";
import { nextDue, type NextStep } from "./next-due";
import { batchSize, paceMs } from "./policy";
import { recordResults, type Attempt, type RecordSummary } from "./record-results";

export type BatchReport = RecordSummary & {
  claimed: number;
  dropped: number;
  /** How long to wait before the next batch, so the sender keeps to its rate. */
  pauseMs: number;
  next: NextStep;
};

const none = (next: NextStep): BatchReport => ({ claimed: 0, dropped: 0, sent: 0, retried: 0, failed: 0, recorded: 0, pauseMs: 0, next });

/**
 * One dispatch step for one sender: claim a batch (claim-batch.ts), render it, hand it to the
 * sender's provider, record every answer (record-results.ts), and say what the run does next.
 * The batch is about a second of the sender's rate; the pause is the rest of that second.
 */
export async function dispatchBatch(senderId: string): Promise<BatchReport> {
  const started = Date.now();
  return withBatchSlot(() => runBatch(senderId, started));
}

async function runBatch(senderId: string, started: number): Promise<BatchReport> {
  const target = await loadDispatchTarget(senderId);
  if (!target) return none({ kind: "stop", reason: "gone" });
  if (target.sender.status !== "active") return none({ kind: "stop", reason: "inactive" });
  const rate = target.sender.ratePerSecond;
  const size = batchSize(rate);

  const { messages, dropped } = await claimBatch(senderId, size, { paysWithCredits: target.org.paysWithCredits });
  if (messages.length === 0) {
    if (dropped > 0) return { ...none({ kind: "now" }), dropped };
    const next = await nextDue(senderId);
    // Due, yet nothing was claimable: another batch holds those rows. Look again in a second.
    if (next.kind === "at" && Date.parse(next.at) <= Date.now()) return none({ kind: "at", at: new Date(Date.now() + 1000).toISOString() });
    return none(next);
  }

  const summary = await sendClaimed(target, messages);
  const pauseMs = paceMs(messages.length, rate, Date.now() - started);
  // Looked up now rather than by claiming nothing after the pause: an empty queue ends the run at once.
  let next: NextStep = { kind: "now" };
  const after = await nextDue(senderId);
  if (after.kind === "stop" || Date.parse(after.at) > Date.now() + pauseMs) next = after;
  return { ...summary, claimed: messages.length, dropped, pauseMs: next.kind === "now" ? pauseMs : 0, next };
}

/** Renders, sends and records a claimed batch; never leaves a row without a recorded answer unless the database is gone. */
async function sendClaimed(target: DispatchTarget, messages: ClaimedMessage[]): Promise<RecordSummary> {
  const { sender, org } = target;
  const common = { orgId: org.id, org: { name: org.name, postalAddress: org.postalAddress }, baseUrl: appUrl(), rows: messages };
  const composed: Composed<OutgoingEmail | OutgoingSms>[] =
    sender.channel === "sms"
      ? await composeBatch({ ...common, channel: "sms", from: sender.smsSenderId ?? "" })
      : await composeBatch({ ...common, channel: "email", from: { email: sender.fromEmail ?? "", name: sender.fromName } });

  const ready: number[] = [];
  composed.forEach((c, i) => c.ok && ready.push(i));
  const outgoing = ready.map((i) => (composed[i] as { message: OutgoingEmail | OutgoingSms }).message);
  const answers = outgoing.length ? await sendThrough(target, outgoing) : [];

  const results = new Array<ProviderResult | undefined>(messages.length);
  ready.forEach((i, k) => (results[i] = answers[k]));
  const attempts: Attempt[] = messages.map((m, i) => {
    const c = composed[i];
    return {
      id: m.id,
      orgId: m.orgId,
      campaignId: m.campaignId,
      attempts: m.attempts,
      result: c.ok ? results[i]! : failure(c.error, false),
      beforeProvider: !c.ok,
    };
  });
  const summary = await withRetries(() => recordResults(sender.id, sender.channel, attempts, { paysWithCredits: org.paysWithCredits }));
  await markFailingOnAuthErrors(sender.id, answers);
  return summary;
}

async function sendThrough(target: DispatchTarget, outgoing: (OutgoingEmail | OutgoingSms)[]): Promise<ProviderResult[]> {
  try {
    if (target.sender.channel === "sms") return await providerForConnection(target.connection, "sms").sendBatch(outgoing as OutgoingSms[]);
    return await providerForConnection(target.connection, "email").sendBatch(outgoing as OutgoingEmail[]);
  } catch (e) {
    // Adapters answer per message and do not throw; one that does (a bug, a connection that cannot
    // be built) has sent nothing we know of, so the batch is retried like a provider outage.
    const result = failure(`The provider could not be used: ${errorText(e)}`, true);
    return outgoing.map(() => result);
  }
}

/**
 * The answers are in hand: losing them now would send the batch again after its lease. So the
 * record is tried a few times before the step gives up (and the sweep takes over).
 */
async function withRetries<T>(fn: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= tries) throw e;
      await new Promise((r) => setTimeout(r, 250 * i));
    }
  }
}
