import { sql } from "drizzle-orm";
import { db, query, type Tx } from "@/db";
import { incrementUsage, METRICS } from "@/lib/billing/increment-usage";
import type { ProviderResult } from "@/lib/sending/providers/types";
import { finishCampaigns } from "./finish-campaigns";
import { LEASE_SECONDS, MAX_ATTEMPTS, retryBaseMs } from "./policy";
import { groupByOrg, refundDropped } from "./refund-dropped";

export type Outcome = "sent" | "retry" | "failed";

/** What happened to one claimed message: the provider's answer, or why it never got one. */
export type Attempt = {
  id: number;
  orgId: string;
  campaignId: string | null;
  /** The attempt this was (the claim counted it): a row re-claimed since is not overwritten. */
  attempts: number;
  result: ProviderResult;
  /** True when the message failed before reaching a provider (it could not be rendered). */
  beforeProvider?: boolean;
};

/** Sent; or back to the queue while attempts remain and the error is worth retrying; or failed. */
export function outcomeOf(a: Pick<Attempt, "result" | "attempts">): Outcome {
  if (a.result.ok) return "sent";
  return a.result.retryable && a.attempts < MAX_ATTEMPTS ? "retry" : "failed";
}

export type RecordSummary = { sent: number; retried: number; failed: number; recorded: number };

/**
 * Records a batch's results in one statement, then, in the same transaction, the campaigns'
 * counters, the usage counters and (when a campaign has nothing left) its status:
 * - sent: `sent`, `sent_at`, the provider's id, lease cleared (the claim already counted it on the
 *   sender's day; retries and failures are taken off that count again);
 * - retry: back to `queued` at now + base x 2^(attempt-1) (30 s, 60 s by default), the error kept;
 * - failed: `failed` with the provider's message;
 * - one `message_events` row each (sent / retry / failed).
 * Only rows still `sending` under the same attempt are touched: if this batch outlived its lease
 * and the sweep gave the row to another batch, that batch's answer is the one that counts.
 * Usage counts sent messages; on credit plans, messages that never reached a provider are refunded.
 */
export async function recordResults(senderId: string, channel: "email" | "sms", attempts: Attempt[], opts: { paysWithCredits: boolean }): Promise<RecordSummary> {
  if (attempts.length === 0) return { sent: 0, retried: 0, failed: 0, recorded: 0 };
  const payload = JSON.stringify(
    attempts.map((a) => {
      const r = a.result;
      return {
        id: a.id,
        attempts: a.attempts,
        outcome: outcomeOf(a),
        pid: r.ok ? r.providerMessageId : null,
        err: r.ok ? null : r.error,
        http: r.ok ? null : (r.status ?? null),
        pre: Boolean(a.beforeProvider),
      };
    }),
  );
  const baseSeconds = retryBaseMs() / 1000;
  return db.transaction(async (tx) => {
    const groups = await query<{ org_id: string; campaign_id: string | null; outcome: Outcome; n: number; unrendered: string[] }>(
      sql`with r as (
            select r.*, ((m.lease_until - make_interval(secs => ${LEASE_SECONDS})) at time zone 'utc')::date as claim_day
            from jsonb_to_recordset(${payload}::jsonb) as r(id bigint, attempts int, outcome text, pid text, err text, http int, pre boolean)
            join messages m on m.id = r.id
          ),
          upd as (
            update messages m set
              status = (case r.outcome when 'sent' then 'sent' when 'retry' then 'queued' else 'failed' end)::message_status,
              sent_at = case when r.outcome = 'sent' then now() else m.sent_at end,
              provider_message_id = case when r.outcome = 'sent' then r.pid else m.provider_message_id end,
              lease_until = null,
              scheduled_for = case when r.outcome = 'retry'
                then now() + make_interval(secs => ${baseSeconds}::float8 * power(2, m.attempts - 1))
                else m.scheduled_for end,
              last_error = case when r.outcome = 'sent' then null else r.err end,
              updated_at = now()
            from r
            where m.id = r.id and m.status = 'sending' and m.attempts = r.attempts
            returning m.id, m.org_id, m.campaign_id, m.attempts, m.scheduled_for, r.outcome, r.pid, r.err, r.http, r.pre, r.claim_day
          ),
          events as (
            insert into message_events (org_id, message_id, kind, data)
            select org_id, id, outcome,
                   jsonb_strip_nulls(jsonb_build_object(
                     'attempt', attempts, 'providerMessageId', pid, 'error', err, 'status', http,
                     'retryAt', case when outcome = 'retry' then scheduled_for end))
            from upd
          ),
          released as (
            -- The claim reserved each row on the sender's count for its day; what was not sent goes back.
            update sender_daily_counts d set sent = greatest(0, d.sent - g.n)
            from (select claim_day, count(*)::int as n from upd where outcome <> 'sent' group by claim_day) g
            where d.sender_id = ${senderId} and d.day = g.claim_day
          )
          select org_id, campaign_id, outcome, count(*)::int as n,
                 coalesce(array_agg(id::text) filter (where pre), '{}') as unrendered
          from upd group by org_id, campaign_id, outcome`,
      tx,
    );
    // Last and short: a campaign's row is shared by every sender of its pool, so its lock is held
    // only for this statement and the commit, not for the whole batch's statement above.
    await countCampaigns(tx, groups);

    const summary: RecordSummary = { sent: 0, retried: 0, failed: 0, recorded: 0 };
    const sentByOrg = new Map<string, number>();
    const unrendered: { id: number; orgId: string }[] = [];
    for (const g of groups) {
      for (const id of g.unrendered) unrendered.push({ id: Number(id), orgId: g.org_id });
      const n = Number(g.n);
      summary.recorded += n;
      if (g.outcome === "sent") {
        summary.sent += n;
        sentByOrg.set(g.org_id, (sentByOrg.get(g.org_id) ?? 0) + n);
      } else if (g.outcome === "retry") summary.retried += n;
      else summary.failed += n;
    }
    const metric = channel === "sms" ? METRICS.sms : METRICS.emails;
    await incrementUsage([...sentByOrg].map(([orgId, count]) => ({ orgId, metric, count })), tx);
    if (opts.paysWithCredits && unrendered.length) await refundDropped(tx, groupByOrg(unrendered), "render");
    const done = groups.filter((g) => g.campaign_id && g.outcome !== "retry").map((g) => g.campaign_id!);
    await finishCampaigns(tx, done);
    return summary;
  });
}

/** The campaigns' counters for a recorded batch, in one statement. */
async function countCampaigns(tx: Tx, groups: { campaign_id: string | null; outcome: Outcome; n: number }[]) {
  const byCampaign = new Map<string, { sent: number; failed: number }>();
  for (const g of groups) {
    if (!g.campaign_id || g.outcome === "retry") continue;
    const c = byCampaign.get(g.campaign_id) ?? { sent: 0, failed: 0 };
    c[g.outcome] += Number(g.n);
    byCampaign.set(g.campaign_id, c);
  }
  if (byCampaign.size === 0) return;
  const values = sql.join(
    [...byCampaign].map(([id, c]) => sql`(${id}::text, ${c.sent}::int, ${c.failed}::int)`),
    sql`, `,
  );
  await query(
    sql`update campaigns c set
          sent_count = c.sent_count + v.sent,
          failed_count = c.failed_count + v.failed,
          queued_count = c.queued_count - v.sent - v.failed,
          updated_at = now()
        from (values ${values}) as v(id, sent, failed)
        where c.id = v.id`,
    tx,
  );
}
