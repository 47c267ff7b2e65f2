import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import { PLANS } from "@/lib/billing/plans";
import type { PlanId } from "@/db/schema";
import { utcToday } from "@/lib/sending/senders/sender-status";
import { finishCampaigns } from "./finish-campaigns";
import { LEASE_SECONDS, MAX_ATTEMPTS } from "./policy";
import { refundDropped } from "./refund-dropped";

/*
 * Delivery guarantees, and where the one remaining duplicate lives.
 *
 * A message row is the truth. Dispatch moves it queued -> sending (claim: attempts + 1, a lease)
 * -> sent / queued again (retry) / failed (record), each move one statement guarded by the
 * row's status and attempt number. So:
 * - nothing is lost: a row claimed by a worker that dies stays `sending` only until its lease
 *   (LEASE_SECONDS) expires; the sweep below then puts it back in the queue (or fails it once
 *   it has used its MAX_ATTEMPTS), and dispatch claims it again;
 * - Herald never sends a row twice by its own retries: a row recorded `sent` is never claimed
 *   again (only `queued` rows are), a retry happens only after the provider said no, and a
 *   late record from a batch whose row was taken back is ignored (status/attempt guard).
 *
 * The remaining risk is a provider that ACCEPTED a message whose answer Herald never recorded:
 * the worker died (or lost the database, or the provider's "202"/"250" was lost on the wire)
 * between the provider taking the batch and the record statement committing. The lease then
 * expires and the row is sent again. What bounds it: it needs a crash or a lost answer inside
 * that window (milliseconds per batch; dispatch retries the record itself before giving up);
 * only the rows of that one batch are affected (at most MAX_BATCH); and each row can go round
 * at most MAX_ATTEMPTS times in all, after which it is `failed`, never sent again. Closing it
 * completely would need the provider to deduplicate on our id (SendGrid has no idempotency key
 * for Mail Send; an SMTP server sees a new message each time), so it is bounded, not removed.
 */

export type SweepReport = { requeued: number; failed: number; expired: number; finished: number; due: { senderId: string; orgId: string }[] };

/** Cancelling in slices keeps one sweep from holding millions of row locks at once. */
const EXPIRE_SLICE = 10_000;

/**
 * The minute's housekeeping (inngest/functions/sweep-messages.ts): take back expired leases,
 * cancel rows past their finish time, finish campaigns with nothing left, and list the senders
 * that have rows due now and room under their cap, for the caller to start.
 */
export async function sweepMessages(): Promise<SweepReport> {
  const { requeued, failed } = await recoverLeases();
  const expired = await cancelExpired();
  const finished = await finishSendingCampaigns();
  const due = await dueSenders();
  return { requeued, failed, expired, finished, due };
}

/**
 * Rows left `sending` past their lease: back to `queued` (their attempt is already counted), or
 * `failed` when that was their last attempt; their reservation on the sender's day is given back. SKIP LOCKED: a row being recorded right now is not
 * waited for (and its record wins; the lease was far longer than any batch).
 */
export async function recoverLeases(): Promise<{ requeued: number; failed: number }> {
  const [row] = await query<{ requeued: number; failed: number }>(
    sql`with stale as (
          select id, sender_id, ((lease_until - make_interval(secs => ${LEASE_SECONDS})) at time zone 'utc')::date as claim_day
          from messages where status = 'sending' and lease_until < now() for update skip locked
        ),
        upd as (
          update messages m set
            status = (case when m.attempts >= ${MAX_ATTEMPTS} then 'failed' else 'queued' end)::message_status,
            lease_until = null,
            last_error = case when m.attempts >= ${MAX_ATTEMPTS}
              then 'The last attempt did not complete (the worker stopped before recording the provider''s answer).'
              else 'An attempt did not complete (the worker stopped); it is sent again.' end,
            updated_at = now()
          from stale where m.id = stale.id
          returning m.id, m.org_id, m.campaign_id, m.status, m.attempts
        ),
        events as (
          insert into message_events (org_id, message_id, kind, data)
          select org_id, id, case when status = 'failed' then 'failed' else 'retry' end,
                 jsonb_build_object('reason', 'lease_expired', 'attempt', attempts)
          from upd
        ),
        counted as (
          update campaigns c set failed_count = c.failed_count + g.n, queued_count = c.queued_count - g.n, updated_at = now()
          from (select campaign_id, count(*)::int as n from upd where status = 'failed' and campaign_id is not null group by campaign_id) g
          where c.id = g.campaign_id
        ),
        released as (
          -- Their claim reserved them on the sender's count for its day; none of them was recorded sent.
          update sender_daily_counts d set sent = greatest(0, d.sent - g.n)
          from (select sender_id, claim_day, count(*)::int as n from stale where sender_id is not null group by sender_id, claim_day) g
          where d.sender_id = g.sender_id and d.day = g.claim_day
        )
        select count(*) filter (where status = 'queued')::int as requeued, count(*) filter (where status = 'failed')::int as failed from upd`,
  );
  return { requeued: Number(row?.requeued ?? 0), failed: Number(row?.failed ?? 0) };
}

/**
 * Queued rows past their `expires_at` (the campaign's finish time, read in the recipient's zone)
 * are cancelled, never sent late, whatever their campaign's status; credits back on credit plans.
 * The claim cancels the ones it meets too; this catches rows of senders that are not sending.
 */
export async function cancelExpired(): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const groups = await query<{ org_id: string; plan: PlanId; n: number; min_id: string; max_id: string; campaign_ids: string[] }>(
        sql`with gone as (
              select id from messages where status = 'queued' and expires_at <= now()
              limit ${EXPIRE_SLICE} for update skip locked
            ),
            upd as (
              update messages m set status = 'cancelled', last_error = 'The campaign''s finish time passed before this message was sent.', updated_at = now()
              from gone where m.id = gone.id
              returning m.id, m.org_id, m.campaign_id
            ),
            events as (
              insert into message_events (org_id, message_id, kind, data)
              select org_id, id, 'cancelled', jsonb_build_object('reason', 'expired', 'stage', 'sweep') from upd
            ),
            counted as (
              update campaigns c set queued_count = c.queued_count - g.n, cancelled_count = c.cancelled_count + g.n, updated_at = now()
              from (select campaign_id, count(*)::int as n from upd where campaign_id is not null group by campaign_id) g
              where c.id = g.campaign_id
            )
            select u.org_id, o.plan, count(*)::int as n, min(u.id)::text as min_id, max(u.id)::text as max_id,
                   coalesce(array_agg(distinct u.campaign_id) filter (where u.campaign_id is not null), '{}') as campaign_ids
            from upd u join orgs o on o.id = u.org_id
            group by u.org_id, o.plan`,
        tx,
      );
      const credit = groups.filter((g) => PLANS[g.plan].monthlyCredits !== null);
      await refundDropped(
        tx,
        credit.map((g) => ({ orgId: g.org_id, count: Number(g.n), minId: Number(g.min_id), maxId: Number(g.max_id) })),
        "expired",
      );
      await finishCampaigns(tx, groups.flatMap((g) => g.campaign_ids));
      return groups.reduce((sum, g) => sum + Number(g.n), 0);
    });
    total += n;
    if (n < EXPIRE_SLICE) return total;
  }
}

/**
 * `sending` campaigns whose counter says nothing is left (their last rows were recorded by a
 * batch that finished them already, or the campaign was resumed with nothing queued).
 */
async function finishSendingCampaigns(): Promise<number> {
  const rows = await query<{ id: string }>(sql`select id from campaigns where status = 'sending' and queued_count <= 0`);
  return finishCampaigns(db, rows.map((r) => r.id));
}

/** Active senders with a claimable row due now and room under today's cap: one query. */
export async function dueSenders(): Promise<{ senderId: string; orgId: string }[]> {
  const rows = await query<{ sender_id: string; org_id: string }>(
    sql`select s.id as sender_id, s.org_id
        from senders s
        where s.status = 'active'
          and s.daily_cap > coalesce((select d.sent from sender_daily_counts d where d.sender_id = s.id and d.day = ${utcToday}), 0)
          and exists (
            select 1 from messages m
            left join campaigns c on c.id = m.campaign_id
            where m.sender_id = s.id and m.status = 'queued' and m.scheduled_for <= now()
              and (m.campaign_id is null or c.status in ('scheduled', 'sending'))
          )`,
  );
  return rows.map((r) => ({ senderId: r.sender_id, orgId: r.org_id }));
}
