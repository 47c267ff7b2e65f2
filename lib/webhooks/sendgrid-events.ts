import { sql } from "drizzle-orm";
import { query } from "@/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { applyMessageEvents, type MessageEventInput } from "@/lib/messages/apply-events";
import { loadWebhookConnection } from "./load-webhook-connection";
import { mapSendgridEvent, type SkipReason } from "./map-sendgrid-event";
import { verifySendgridSignature } from "./verify-sendgrid-signature";

export type SendgridWebhookInput = {
  connectionId: string;
  rawBody: Buffer;
  signature: string | null;
  timestamp: string | null;
  now?: Date;
};

/** What a batch did: SendGrid reads only the status; the counts are for whoever debugs the webhook. */
export type SendgridWebhookOutcome = {
  /** Events in the batch. */
  events: number;
  applied: number;
  /**
   * Events that moved nothing: `not_tracked` (kinds Herald does not record), `not_ours` (no Herald
   * message id), `malformed`, `tracked_by_herald` (a click through Herald's own tracked link, which
   * Herald records when the redirect reaches it), and `unmatched` (a message that does not exist,
   * belongs to another org than the connection, or a redelivered event already recorded).
   */
  skipped: Record<SkipReason | "tracked_by_herald" | "unmatched", number>;
};

/**
 * Herald's own links (tracked clicks, the unsubscribe page): with SendGrid's click tracking on,
 * SendGrid wraps them too, and its redirect lands on Herald, which records the click itself (or
 * the unsubscribe). Recording SendGrid's copy as well would log every click twice.
 */
function isHeraldLink(url: string): boolean {
  const base = appUrl();
  return url.startsWith(`${base}/t/`) || url.startsWith(`${base}/u/`);
}

/**
 * A click's URL -> its index among the campaign's stored links, so the event reads like one from
 * Herald's own tracking (`data.link`, and `data.url` the stored target). One read for the batch's
 * clicks; a URL the campaign does not have (a message sent without Herald's tracking, or outside a
 * campaign) stays an unindexed click with its URL, which still moves the message to clicked.
 */
async function matchLinks(orgId: string, clicks: { ord: number; event: MessageEventInput; url: string }[]) {
  if (clicks.length === 0) return;
  const payload = JSON.stringify(clicks.map((c) => ({ ord: c.ord, message_id: c.event.messageId, url: c.url })));
  const rows = await query<{ ord: number; link: number }>(
    sql`SELECT x.ord, l.idx::int - 1 AS link
        FROM jsonb_to_recordset(${payload}::jsonb) AS x(ord int, message_id bigint, url text)
        JOIN messages m ON m.id = x.message_id AND m.org_id = ${orgId}
        JOIN campaigns c ON c.id = m.campaign_id
        CROSS JOIN LATERAL (
          SELECT min(t.idx) AS idx FROM jsonb_array_elements_text(c.links) WITH ORDINALITY AS t(url, idx) WHERE t.url = x.url
        ) l
        WHERE l.idx IS NOT NULL`,
  );
  const byOrd = new Map(clicks.map((c) => [c.ord, c.event]));
  for (const r of rows) {
    const event = byOrd.get(Number(r.ord));
    if (!event) continue;
    // apply-events stores the campaign's own copy of the URL beside the index.
    const data: Record<string, unknown> = { ...event.data, link: Number(r.link) };
    delete data.url;
    event.data = data;
  }
}

/**
 * `POST /api/webhooks/sendgrid/<connection>`: SendGrid's signed Event Webhook for one connection.
 * The connection (its org and verification key) comes from the URL; the signature over the exact
 * bytes is checked before the body is even parsed. The batch, thousands of events at most, goes
 * to the state machine as ONE applyMessageEvents call, scoped to the connection's org, so another
 * org's message id in a (validly signed) batch moves nothing. `sg_event_id` is each event's
 * provider id: a batch SendGrid delivers again adds nothing.
 * Throws NOT_FOUND (unknown connection), UNAUTHENTICATED (no key, bad signature, stale timestamp),
 * BAD_REQUEST (not a JSON array); a database failure propagates (5xx: SendGrid retries).
 */
export async function handleSendgridEvents(input: SendgridWebhookInput): Promise<SendgridWebhookOutcome> {
  const connection = await loadWebhookConnection(input.connectionId, "sendgrid");
  const key = connection.config.webhookKey;
  verifySendgridSignature({
    publicKey: typeof key === "string" ? key : undefined,
    signature: input.signature,
    timestamp: input.timestamp,
    rawBody: input.rawBody,
    now: input.now,
  });
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody.toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not JSON.");
  }
  if (!Array.isArray(body)) throw new AppError("BAD_REQUEST", "The body must be a JSON array of events.");

  const skipped: SendgridWebhookOutcome["skipped"] = { not_tracked: 0, not_ours: 0, malformed: 0, tracked_by_herald: 0, unmatched: 0 };
  const events: MessageEventInput[] = [];
  const clicks: { ord: number; event: MessageEventInput; url: string }[] = [];
  for (const raw of body) {
    const mapped = mapSendgridEvent(raw, connection.orgId);
    if ("skip" in mapped) {
      skipped[mapped.skip]++;
      continue;
    }
    if (mapped.clickUrl !== undefined) {
      if (isHeraldLink(mapped.clickUrl)) {
        skipped.tracked_by_herald++;
        continue;
      }
      clicks.push({ ord: events.length, event: mapped.event, url: mapped.clickUrl });
    }
    events.push(mapped.event);
  }
  await matchLinks(connection.orgId, clicks);

  const results = await applyMessageEvents(events);
  const applied = results.filter((r) => r.applied).length;
  skipped.unmatched = events.length - applied;
  return { events: body.length, applied, skipped };
}
