import { sql, type SQL } from "drizzle-orm";
import { query, type Db, type Tx } from "@/db";
import { preparedStatement } from "@/db/prepared";
import { addressHashSql } from "@/lib/audience/suppressions/address-hash";
import { retryOnDeadlock } from "@/db/errors";

/**
 * `soft_bounce` (a receiving server refused for now, or an SMS could not be handed over) and
 * `dropped` (the provider would not send it, for a reason about the sender) are recorded on the
 * timeline and move nothing: the address may be fine, so nothing is suppressed.
 */
export const MESSAGE_EVENT_KINDS = ["delivered", "open", "click", "bounce", "complaint", "unsubscribe", "soft_bounce", "dropped"] as const;
export type MessageEventKind = (typeof MESSAGE_EVENT_KINDS)[number];

/**
 * Something that happened to a sent message: a tracking hit, a provider webhook, an unsubscribe.
 * `data` is kept on the event; for a click, `data.link` (the link index from the token) selects
 * the target among the campaign's stored links. `data.source` names where a bounce, complaint or
 * unsubscribe came from (it becomes the suppression's source and the contact history's reason).
 * `orgId`, when the caller knows it (a provider webhook of one org), must match the message's.
 * `providerEventId` (SendGrid's `sg_event_id`, an SMS receipt's id) is recorded once per message:
 * an event whose id the message already has is dropped before it counts for anything, so a
 * redelivered webhook batch adds no second event and moves nothing twice.
 */
export type MessageEventInput = {
  messageId: number;
  kind: MessageEventKind;
  data?: Record<string, unknown>;
  at?: Date;
  orgId?: string;
  providerEventId?: string;
  /** When set, the message must be of this channel (a provider's webhook speaks for its own). */
  channel?: "email" | "sms";
};

/** Per input, in order: whether it was recorded, and a click's stored target. */
export type AppliedEvent = { applied: boolean; url: string | null };

const MAX_LINK_INDEX = 2 ** 31 - 1;

/** The link index a click names; -1 (which matches no link) when it names something else. */
function linkOf(e: MessageEventInput): number | null {
  if (e.kind !== "click" || e.data?.link === undefined) return null;
  const link = e.data.link;
  return typeof link === "number" && Number.isInteger(link) && link >= 0 && link <= MAX_LINK_INDEX ? link : -1;
}

/**
 * Records events and moves their messages forward, in ONE set-based statement for any number of
 * events (the tracking recorder sends hundreds per group commit; webhooks send their batches).
 *
 * The state machine, in SQL:
 * - `sent < delivered < opened < clicked`: a message only moves up that ladder. A click implies
 *   the e-mail was opened, so a first click sets `opened_at` too.
 * - `bounced`, `complained` and `unsubscribed` are terminal: nothing later (delivered, opened,
 *   clicked, nor another terminal event) moves the status again. The events are still recorded
 *   and the timestamps still say when the first open/click happened: the facts, not the status.
 * - A message not out yet (`queued`, `sending`) or never out (`failed`, `suppressed`, `cancelled`)
 *   keeps its status: dispatch owns those rows, and an event racing its result must not make it
 *   miss its own `WHERE status = 'sending'`. Such an event is recorded but moves nothing.
 * - Campaign counters count messages, not hits: `open_count` and `click_count` grow when a
 *   message's `opened_at` / `clicked_at` is first set, `unsubscribe_count` on its first
 *   unsubscribe event.
 * - bounce / complaint / unsubscribe also suppress the message's address on its channel
 *   (`hard_bounce` / `complaint` / `unsubscribed`; the first suppression of an address stays) and
 *   move the contact to bounced / complained / unsubscribed, with a line in its status history.
 *   The contact only moves toward the stronger state (unsubscribed < bounced < complained), as
 *   the preference centre does. An SMS bounce suppresses the number but leaves the contact's
 *   status alone: their e-mail address may be fine.
 *
 * Events for messages that do not exist (or of another org, or clicks on a link the campaign
 * does not have, or a provider event id the message already has) are dropped and come back as
 * `applied: false`.
 *
 * Concurrency: the messages a batch changes are locked in id order, and the "first" checks read
 * the locked (newest) row, so two batches racing on one message count its first open once, and
 * its first unsubscribe once (for a message that was sent, only the batch that moved it counts). The
 * lock is FOR NO KEY UPDATE (what an UPDATE of non-key columns takes anyway), not FOR UPDATE:
 * the foreign-key check of every event inserted for that message takes FOR KEY SHARE, which
 * FOR UPDATE would block, and two batches doing both would deadlock. A repeated open changes no
 * row: it only adds its event, with no lock. Without `tx` the statement commits on its own and is
 * retried on a deadlock (it did nothing then); with `tx`, the caller's transaction decides
 * (unsubscribe-message.ts locks the message first).
 */
export async function applyMessageEvents(events: MessageEventInput[], tx?: Db | Tx): Promise<AppliedEvent[]> {
  if (events.length === 0) return [];
  const payload = JSON.stringify(
    events.map((e, ord) => ({
      ord,
      message_id: e.messageId,
      kind: e.kind,
      link: linkOf(e),
      data: e.data ?? null,
      at: e.at ? e.at.toISOString() : null,
      org_id: e.orgId ?? null,
      provider_event_id: e.providerEventId ?? null,
      channel: e.channel ?? null,
    })),
  );
  // Opens and clicks (the tracking hot path) get a shorter statement: nothing to suppress.
  const withStops = events.some((e) => e.kind === "bounce" || e.kind === "complaint" || e.kind === "unsubscribe");
  const rows = tx ? await query<Row>(applySql(payload, withStops), tx) : await retryOnDeadlock(() => runPrepared(payload, withStops));
  const out: AppliedEvent[] = events.map(() => ({ applied: false, url: null }));
  for (const r of rows) out[r.ord] = { applied: true, url: r.url };
  return out;
}

type Row = { ord: number; url: string | null };

// The text never changes (the events travel as one jsonb parameter): prepared once per pool
// connection, since the fold and the webhooks run it with every batch.
const applyPlain = preparedStatement<[string], Row>((payload) => applySql(payload, false));
const applyWithStops = preparedStatement<[string], Row>((payload) => applySql(payload, true));

const runPrepared = (payload: string, withStops: boolean) => (withStops ? applyWithStops(payload) : applyPlain(payload));

function applySql(payload: string, withStops: boolean): SQL {
  return sql`
    WITH input AS (
      SELECT x.ord, x.message_id, x.kind, x.link, x.data, coalesce(x.at, now()) AS at, x.org_id, x.provider_event_id, x.channel
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(ord int, message_id bigint, kind text, link int, data jsonb, at timestamptz, org_id text, provider_event_id text, channel text)
      WHERE x.kind IN ('delivered', 'open', 'click', 'bounce', 'complaint', 'unsubscribe', 'soft_bounce', 'dropped')
    ), info AS (
      -- What the rows said when the statement began. Their timestamps only ever go from null to
      -- a time, so a row this snapshot shows as already opened needs nothing from an open.
      SELECT m.id, m.org_id, m.campaign_id, m.contact_id, m.channel, m.to_address, m.status, m.delivered_at, m.opened_at, m.clicked_at
      FROM messages m
      WHERE m.id IN (SELECT message_id FROM input)
    ), accepted AS (
      SELECT z.ord, z.message_id, z.kind, z.data, z.at, z.org_id, z.url, z.provider_event_id
      FROM (
        -- jsonb ->> int counts from the end for a negative index: hence link >= 0.
        SELECT i.ord, i.message_id, i.kind, i.data, i.at, i.link, f.org_id, i.provider_event_id,
               CASE WHEN i.link >= 0 THEN (SELECT cp.links ->> i.link FROM campaigns cp WHERE cp.id = f.campaign_id) END AS url
        FROM input i
        JOIN info f ON f.id = i.message_id AND (i.org_id IS NULL OR i.org_id = f.org_id) AND (i.channel IS NULL OR i.channel = f.channel::text)
      ) z
      WHERE (z.link IS NULL OR z.url IS NOT NULL)
        -- A provider event the message already has (a redelivered webhook) is not news. Two
        -- copies within one batch both pass here; they move the row once anyway (per_message
        -- aggregates), and the INSERT below keeps one.
        AND (z.provider_event_id IS NULL OR NOT EXISTS (
          SELECT 1 FROM message_events e WHERE e.message_id = z.message_id AND e.provider_event_id = z.provider_event_id))
    ), per_message AS (
      SELECT a.message_id AS id,
             max(CASE a.kind WHEN 'delivered' THEN 1 WHEN 'open' THEN 2 WHEN 'click' THEN 3 ELSE 0 END) AS reach,
             max(CASE a.kind WHEN 'unsubscribe' THEN 1 WHEN 'bounce' THEN 2 WHEN 'complaint' THEN 3 ELSE 0 END) AS stop,
             min(a.at) FILTER (WHERE a.kind = 'delivered') AS delivered_at,
             min(a.at) FILTER (WHERE a.kind IN ('open', 'click')) AS opened_at,
             min(a.at) FILTER (WHERE a.kind = 'click') AS clicked_at,
             bool_or(a.kind = 'unsubscribe') AS unsubscribes,
             (array_agg(a.data ->> 'source' ORDER BY a.ord)
                FILTER (WHERE a.kind IN ('unsubscribe', 'bounce', 'complaint') AND a.data ->> 'source' IS NOT NULL))[1] AS source
      FROM accepted a
      GROUP BY a.message_id
    ), candidates AS (
      SELECT p.* FROM per_message p JOIN info f ON f.id = p.id
      WHERE ${needsChange(sql.raw("f"))}
    ), locked AS (
      -- Only rows this batch changes are locked (a repeated open changes nothing, so it costs
      -- no lock and no new row version). After waiting for a lock, Postgres re-checks this
      -- WHERE on the newest row, so a first open that a concurrent batch already counted is
      -- not counted again.
      SELECT m.id, m.status, m.opened_at, m.clicked_at
      FROM messages m JOIN candidates p ON p.id = m.id
      WHERE ${needsChange(sql.raw("m"))}
      ORDER BY m.id
      FOR NO KEY UPDATE OF m
    ), moves AS (
      SELECT l.id, f.campaign_id, l.status AS old_status, p.delivered_at,
             CASE WHEN l.opened_at IS NULL THEN p.opened_at END AS first_open,
             CASE WHEN l.clicked_at IS NULL THEN p.clicked_at END AS first_click,
             CASE
               WHEN l.status NOT IN ('sent', 'delivered', 'opened', 'clicked') THEN l.status
               WHEN p.stop = 3 THEN 'complained'
               WHEN p.stop = 2 THEN 'bounced'
               WHEN p.stop = 1 THEN 'unsubscribed'
               WHEN p.reach > CASE l.status WHEN 'sent' THEN 0 WHEN 'delivered' THEN 1 WHEN 'opened' THEN 2 ELSE 3 END
                 THEN (ARRAY['delivered', 'opened', 'clicked']::message_status[])[p.reach]
               ELSE l.status
             END AS new_status
      FROM locked l JOIN per_message p ON p.id = l.id JOIN info f ON f.id = l.id
    ), message_upd AS (
      UPDATE messages m
      SET status = mv.new_status,
          delivered_at = coalesce(m.delivered_at, mv.delivered_at),
          opened_at = coalesce(m.opened_at, mv.first_open),
          clicked_at = coalesce(m.clicked_at, mv.first_click),
          updated_at = now()
      FROM moves mv
      WHERE m.id = mv.id
      RETURNING 1
    ), event_ins AS (
      INSERT INTO message_events (org_id, message_id, kind, data, provider_event_id, created_at)
      SELECT a.org_id, a.message_id, a.kind,
             CASE WHEN a.url IS NULL THEN a.data ELSE coalesce(a.data, '{}'::jsonb) || jsonb_build_object('url', a.url) END,
             a.provider_event_id, a.at
      FROM accepted a
      ORDER BY a.ord
      -- The unique (message_id, provider_event_id) index: a copy within the batch, or one a
      -- concurrent delivery of the same batch committed first, is skipped, not an error.
      ON CONFLICT DO NOTHING
      RETURNING 1
    ), counters AS (
      SELECT x.campaign_id, sum(x.opens)::int AS opens, sum(x.clicks)::int AS clicks, sum(x.unsubscribes)::int AS unsubscribes
      FROM (
        SELECT mv.campaign_id, count(mv.first_open) AS opens, count(mv.first_click) AS clicks, 0 AS unsubscribes
        FROM moves mv WHERE mv.campaign_id IS NOT NULL GROUP BY mv.campaign_id
        UNION ALL
        -- The snapshot predates event_ins, so "no unsubscribe event yet" sees only earlier ones.
        -- A message still on the ladder counts only if this statement moved it (locked it): a
        -- second unsubscribe that waited for the first's lock finds the row unsubscribed, moves
        -- nothing, and must not count, though its snapshot did not see the first's event.
        SELECT f.campaign_id, 0, 0, count(*)
        FROM per_message p JOIN info f ON f.id = p.id
        WHERE p.unsubscribes AND f.campaign_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = p.id AND e.kind = 'unsubscribe')
          AND (f.status NOT IN ('sent', 'delivered', 'opened', 'clicked') OR EXISTS (SELECT 1 FROM moves mv WHERE mv.id = p.id))
        GROUP BY f.campaign_id
      ) x
      GROUP BY x.campaign_id
    ), campaign_upd AS (
      UPDATE campaigns c
      SET open_count = c.open_count + k.opens, click_count = c.click_count + k.clicks, unsubscribe_count = c.unsubscribe_count + k.unsubscribes
      FROM counters k
      WHERE c.id = k.campaign_id AND k.opens + k.clicks + k.unsubscribes > 0
      RETURNING 1
    )${withStops ? stopsSql() : sql``}
    SELECT a.ord, a.url FROM accepted a`;
}

/** Whether the batch's aggregate `p` changes message row `m` (a status move or a first time). */
function needsChange(m: SQL) {
  return sql`((p.opened_at IS NOT NULL AND ${m}.opened_at IS NULL)
         OR (p.clicked_at IS NOT NULL AND ${m}.clicked_at IS NULL)
         OR (p.delivered_at IS NOT NULL AND ${m}.delivered_at IS NULL)
         OR (${m}.status IN ('sent', 'delivered', 'opened', 'clicked')
             AND (p.stop > 0 OR p.reach > CASE ${m}.status WHEN 'sent' THEN 0 WHEN 'delivered' THEN 1 WHEN 'opened' THEN 2 ELSE 3 END)))`;
}

/** Bounces, complaints and unsubscribes: the address suppressed, the contact moved on. */
function stopsSql() {
  return sql`, stops AS (
      SELECT f.org_id, f.contact_id, f.channel, f.to_address, p.stop,
             coalesce(p.source, CASE p.stop WHEN 3 THEN 'complaint' WHEN 2 THEN 'hard-bounce' ELSE 'unsubscribe' END) AS stop_source,
             ${addressHashSql(sql`f.to_address`)} AS address_hash
      FROM per_message p JOIN info f ON f.id = p.id
      WHERE p.stop > 0
    ), suppression_ins AS (
      INSERT INTO suppressions (org_id, channel, address, address_hash, reason, source)
      SELECT DISTINCT ON (s.org_id, s.channel, s.address_hash)
             s.org_id, s.channel, s.to_address, s.address_hash,
             (CASE s.stop WHEN 3 THEN 'complaint' WHEN 2 THEN 'hard_bounce' ELSE 'unsubscribed' END)::suppression_reason,
             s.stop_source
      FROM stops s
      ORDER BY s.org_id, s.channel, s.address_hash, s.stop DESC
      ON CONFLICT (org_id, channel, address_hash) DO NOTHING
      RETURNING 1
    ), contact_targets AS (
      SELECT DISTINCT ON (s.contact_id) s.contact_id AS id, s.org_id, s.stop, s.stop_source
      FROM stops s
      WHERE s.contact_id IS NOT NULL AND (s.stop <> 2 OR s.channel = 'email')
      ORDER BY s.contact_id, s.stop DESC
    ), contacts_locked AS (
      SELECT c.id, c.status
      FROM contacts c JOIN contact_targets t ON t.id = c.id AND t.org_id = c.org_id
      ORDER BY c.id
      FOR NO KEY UPDATE OF c
    ), contact_upd AS (
      UPDATE contacts c
      SET status = (CASE t.stop WHEN 3 THEN 'complained' WHEN 2 THEN 'bounced' ELSE 'unsubscribed' END)::contact_status,
          status_changed_at = now(), status_reason = t.stop_source, updated_at = now()
      FROM contact_targets t JOIN contacts_locked cl ON cl.id = t.id
      WHERE c.id = t.id AND c.org_id = t.org_id
        AND t.stop > CASE cl.status WHEN 'unsubscribed' THEN 1 WHEN 'bounced' THEN 2 WHEN 'complained' THEN 3 ELSE 0 END
      RETURNING c.id, c.org_id, cl.status AS from_status, c.status AS to_status, t.stop_source
    ), contact_event_ins AS (
      INSERT INTO contact_events (org_id, contact_id, kind, from_status, to_status, reason)
      SELECT u.org_id, u.id, u.to_status::text, u.from_status, u.to_status, u.stop_source FROM contact_upd u
      RETURNING 1
    )`;
}
