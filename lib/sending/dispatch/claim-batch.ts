import { sql } from "drizzle-orm";
import { db, query, type Tx } from "@/db";
import { addressHashSql } from "@/lib/audience/suppressions/address-hash";
import type { MergeContact } from "@/lib/content/render-context";
import { utcToday } from "@/lib/sending/senders/sender-status";
import { finishCampaigns } from "./finish-campaigns";
import { LEASE_SECONDS } from "./policy";
import { groupByOrg, refundDropped } from "./refund-dropped";

/** A claimed row, leased to this batch, with what rendering it needs. */
export type ClaimedMessage = {
  id: number;
  orgId: string;
  campaignId: string | null;
  contactId: number | null;
  channel: "email" | "sms";
  toAddress: string;
  /** Counting this one. */
  attempts: number;
  contact: MergeContact | null;
};

export type ClaimResult = {
  messages: ClaimedMessage[];
  /** Rows taken off the queue without a send: expired, suppressed, contact gone or unsubscribed. */
  dropped: number;
};

type Row = {
  id: number | string;
  org_id: string;
  campaign_id: string | null;
  contact_id: number | string | null;
  channel: "email" | "sms";
  to_address: string;
  attempts: number;
  verdict: "send" | "expired" | "suppressed" | "unsubscribed" | "no_contact";
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  timezone: string | null;
  tags: string[] | null;
  attributes: Record<string, string | number | boolean | null> | null;
};

/**
 * Claims up to `limit` due messages of one sender, in one statement:
 * - due: `queued`, `scheduled_for <= now()`, and its campaign `scheduled` or `sending` (a paused
 *   or cancelled campaign's rows stay where they are), oldest first;
 * - at most what the sender may still send today: its daily cap less its count for this UTC day
 *   in `sender_daily_counts`, which the claim raises by what it takes (a reservation: the record
 *   gives back what was not sent, the sweep what a dead worker held); nothing unless `active`;
 * - `FOR UPDATE ... SKIP LOCKED`, so two claims never take the same row; before that, the
 *   sender's row is locked for the transaction, so two claims of one sender take turns and the
 *   second sees the first's reservation (the cap can never be overrun);
 * - checked again at the last moment: a row past its `expires_at` is `cancelled` (never sent
 *   late), a row whose address is now suppressed, or whose contact is no longer `subscribed`
 *   (intake's rule, applied again), is `suppressed`, and one whose contact was deleted is
 *   `cancelled`; each with its event and campaign counters, and on credit plans its credit back;
 * - the rest become `sending` with `attempts + 1` and a lease (see sweep-messages.ts), and a
 *   `scheduled` campaign whose first rows go becomes `sending`.
 */
export async function claimBatch(senderId: string, limit: number, opts: { paysWithCredits: boolean }): Promise<ClaimResult> {
  return db.transaction(async (tx) => {
    // NO KEY UPDATE: intake inserting messages that reference this sender (KEY SHARE) is not blocked.
    await query(sql`select id from senders where id = ${senderId} for no key update`, tx);
    const rows = await query<Row>(claimStatement(senderId, limit), tx);
    const messages: ClaimedMessage[] = [];
    const dropped: { id: number; orgId: string; campaignId: string | null }[] = [];
    for (const r of rows) {
      const id = Number(r.id);
      if (r.verdict !== "send") {
        dropped.push({ id, orgId: r.org_id, campaignId: r.campaign_id });
        continue;
      }
      messages.push({
        id,
        orgId: r.org_id,
        campaignId: r.campaign_id,
        contactId: r.contact_id === null ? null : Number(r.contact_id),
        channel: r.channel,
        toAddress: r.to_address,
        attempts: Number(r.attempts),
        contact: r.contact_id === null ? null : toContact(r),
      });
    }
    if (dropped.length) await afterDrop(tx, dropped, opts.paysWithCredits);
    return { messages, dropped: dropped.length };
  });
}

/** Credits back for rows that never reached a provider, and campaigns with nothing left finished. */
async function afterDrop(tx: Tx, dropped: { id: number; orgId: string; campaignId: string | null }[], paysWithCredits: boolean) {
  if (paysWithCredits) await refundDropped(tx, groupByOrg(dropped), "dispatch");
  await finishCampaigns(tx, dropped.flatMap((d) => (d.campaignId ? [d.campaignId] : [])));
}

const toContact = (r: Row): MergeContact => ({
  email: r.email,
  phone: r.phone,
  firstName: r.first_name,
  lastName: r.last_name,
  timezone: r.timezone,
  tags: r.tags ?? [],
  attributes: r.attributes ?? {},
});

function claimStatement(senderId: string, limit: number) {
  return sql`
    with sender as (
      select greatest(0, s.daily_cap - coalesce((select d.sent from sender_daily_counts d where d.sender_id = s.id and d.day = ${utcToday}), 0))::int as room
      from senders s
      where s.id = ${senderId} and s.status = 'active'
    ),
    picked as (
      select m.id
      from messages m
      left join campaigns c on c.id = m.campaign_id
      where m.sender_id = ${senderId}
        and m.status = 'queued'
        and m.scheduled_for <= now()
        and (m.campaign_id is null or c.status in ('scheduled', 'sending'))
      order by m.scheduled_for
      limit least(${limit}::int, coalesce((select room from sender), 0))
      for update of m skip locked
    ),
    verdicts as materialized (
      select m.id,
        case
          when m.expires_at is not null and m.expires_at <= now() then 'expired'
          when exists (select 1 from suppressions s
                       where s.org_id = m.org_id and s.channel = m.channel and s.address_hash = ${addressHashSql(sql`m.to_address`)}) then 'suppressed'
          when m.contact_id is null or ct.id is null then 'no_contact'
          when ct.status <> 'subscribed' then 'unsubscribed'
          else 'send'
        end as verdict
      from picked p
      join messages m on m.id = p.id
      left join contacts ct on ct.id = m.contact_id and ct.org_id = m.org_id
    ),
    moved as (
      update messages m set
        status = (case v.verdict when 'send' then 'sending' when 'expired' then 'cancelled' when 'no_contact' then 'cancelled' else 'suppressed' end)::message_status,
        attempts = case when v.verdict = 'send' then m.attempts + 1 else m.attempts end,
        lease_until = case when v.verdict = 'send' then now() + make_interval(secs => ${LEASE_SECONDS}) end,
        last_error = case v.verdict
          when 'send' then m.last_error
          when 'expired' then 'The campaign''s finish time passed before this message was sent.'
          when 'no_contact' then 'The contact was deleted before this message was sent.'
          when 'suppressed' then 'The address was suppressed before this message was sent.'
          else 'The contact was no longer subscribed when this message was due.'
        end,
        updated_at = now()
      from verdicts v
      where m.id = v.id
      returning m.id, m.org_id, m.campaign_id, m.contact_id, m.channel, m.to_address, m.attempts, v.verdict
    ),
    events as (
      insert into message_events (org_id, message_id, kind, data)
      select org_id, id,
             case when verdict in ('expired', 'no_contact') then 'cancelled' else 'suppressed' end,
             jsonb_build_object('reason', verdict, 'stage', 'dispatch')
      from moved where verdict <> 'send'
    ),
    reserved as (
      insert into sender_daily_counts (sender_id, day, sent)
      select ${senderId}, ${utcToday}, count(*)::int from moved where verdict = 'send' having count(*) > 0
      on conflict (sender_id, day) do update set sent = sender_daily_counts.sent + excluded.sent
    ),
    counted as (
      update campaigns c set
        queued_count = c.queued_count - g.dropped,
        suppressed_count = c.suppressed_count + g.suppressed,
        cancelled_count = c.cancelled_count + g.cancelled,
        status = case when c.status = 'scheduled' and g.sending > 0 then 'sending'::campaign_status else c.status end,
        updated_at = now()
      from (
        select campaign_id,
               count(*) filter (where verdict <> 'send')::int as dropped,
               count(*) filter (where verdict in ('suppressed', 'unsubscribed'))::int as suppressed,
               count(*) filter (where verdict in ('expired', 'no_contact'))::int as cancelled,
               count(*) filter (where verdict = 'send')::int as sending
        from moved where campaign_id is not null group by campaign_id
      ) g
      -- Only rows that change: a campaign row is shared by every sender of its pool.
      where c.id = g.campaign_id and (g.dropped > 0 or (c.status = 'scheduled' and g.sending > 0))
    )
    select mv.id, mv.org_id, mv.campaign_id, mv.contact_id, mv.channel, mv.to_address, mv.attempts, mv.verdict,
           ct.email, ct.phone, ct.first_name, ct.last_name, ct.timezone, ct.tags, ct.attributes
    from moved mv
    left join contacts ct on ct.id = mv.contact_id
    order by mv.id`;
}
