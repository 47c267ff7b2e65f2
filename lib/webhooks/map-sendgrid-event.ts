import { z } from "zod";
import { decodeId } from "@/lib/ids";
import type { MessageEventInput } from "@/lib/messages/apply-events";
import { userAgentClass } from "@/lib/tracking/user-agent-class";

// Fields only copied onto the event: a value of an unexpected type is dropped, not the event.
const optionalText = z.string().optional().catch(undefined);

/**
 * One event of SendGrid's Event Webhook, as documented (Event Webhook Reference): `event`,
 * `timestamp` (Unix seconds), `sg_event_id` (unique per event, the same on a redelivery), and the
 * message's custom args flattened onto the event, `herald_message_id` among them. Only what
 * Herald reads is declared; everything else passes through unread.
 */
export const sendgridEventSchema = z.looseObject({
  event: z.string().max(64),
  timestamp: z.number().optional().catch(undefined),
  sg_event_id: z.string().min(1).max(200).optional().catch(undefined),
  herald_message_id: z.unknown().optional(),
  // Older integrations nest them (the v2 `unique_args`); accepted as a fallback.
  unique_args: z.record(z.string(), z.unknown()).optional().catch(undefined),
  custom_args: z.record(z.string(), z.unknown()).optional().catch(undefined),
  type: optionalText,
  reason: optionalText,
  status: optionalText,
  bounce_classification: optionalText,
  useragent: optionalText,
  url: optionalText,
  sg_machine_open: z.boolean().optional().catch(undefined),
  asm_group_id: z.number().optional().catch(undefined),
});

export type SendgridEvent = z.infer<typeof sendgridEventSchema>;

/** Why an event of a verified batch moved nothing. Each is answered 2xx: SendGrid must not retry them. */
export type SkipReason =
  /** processed, deferred, group_resubscribe, and event types SendGrid adds later. */
  | "not_tracked"
  /** No `herald_message_id`, or not one of Herald's ids (mail sent on the same SendGrid account by something else). */
  | "not_ours"
  /** Not an object with an `event`: skipped rather than refusing the batch around it. */
  | "malformed";

/** What an event becomes: a state-machine event (a click may still be matched to a link), or a reason to skip it. */
export type MappedEvent = { event: MessageEventInput; clickUrl?: string } | { skip: SkipReason };

const SOURCE = "sendgrid";
// Cut free text (SMTP responses, bounce reasons) to what a timeline shows.
const text = (v: string | undefined, max = 500) => (v ? v.slice(0, max) : undefined);

/** The custom arg `herald_message_id` -> the bigint message id, or null. */
export function messageIdOf(e: SendgridEvent): number | null {
  const raw = e.herald_message_id ?? e.custom_args?.herald_message_id ?? e.unique_args?.herald_message_id;
  return typeof raw === "string" ? decodeId("msg", raw) : null;
}

/**
 * A `dropped` event means SendGrid never sent the message. Some reasons are SendGrid remembering
 * the recipient (its own bounce, spam-report and unsubscribe lists, or an address it cannot
 * mail): Herald learns the same fact and stops writing to the address. Any other reason (quota,
 * a bad header, spam content) is about the sender, not the recipient: a `dropped` event on the
 * timeline says why the message never arrived, and the address stays mailable.
 */
function dropKind(reason: string | undefined): MessageEventInput["kind"] {
  const r = (reason ?? "").trim().toLowerCase();
  if (r.startsWith("bounced address") || r === "invalid" || r === "invalid address") return "bounce";
  if (r.startsWith("spam reporting address")) return "complaint";
  if (r.startsWith("unsubscribed address") || r.startsWith("unsubscribed group")) return "unsubscribe";
  return "dropped";
}

/**
 * SendGrid's event -> Herald's state machine (lib/messages/apply-events.ts):
 * - delivered -> delivered; open -> open (with the opener's agent class, and SendGrid's machine-open flag);
 * - click -> click, with its URL (the caller matches it to the campaign's link index);
 * - bounce -> bounce (a hard bounce: the address is suppressed and the contact marked bounced),
 *   but a bounce of type `blocked` is the receiving server refusing the sender (reputation,
 *   content), not the address: a `soft_bounce`, on the timeline only (a `bounce` would suppress
 *   a good address);
 * - dropped -> see dropKind; spamreport -> complaint; unsubscribe, group_unsubscribe -> unsubscribe;
 * - processed, deferred, group_resubscribe and anything new -> skipped (`not_tracked`).
 * The event's `timestamp` is when it happened; `sg_event_id` makes a redelivery a no-op.
 */
export function mapSendgridEvent(raw: unknown, orgId: string): MappedEvent {
  const parsed = sendgridEventSchema.safeParse(raw);
  if (!parsed.success) return { skip: "malformed" };
  const e = parsed.data;
  let kind: MessageEventInput["kind"] | null = null;
  const data: Record<string, unknown> = { source: SOURCE };
  let clickUrl: string | undefined;
  switch (e.event) {
    case "delivered":
      kind = "delivered";
      break;
    case "open":
      kind = "open";
      data.agent = userAgentClass(e.useragent);
      if (e.sg_machine_open) data.machine = true;
      break;
    case "click":
      if (!e.url) return { skip: "malformed" };
      kind = "click";
      clickUrl = e.url.slice(0, 2000);
      data.url = clickUrl;
      data.agent = userAgentClass(e.useragent);
      break;
    case "bounce":
      kind = (e.type ?? "bounce").toLowerCase() === "blocked" ? "soft_bounce" : "bounce";
      Object.assign(data, { reason: text(e.reason), status: text(e.status, 20), classification: text(e.bounce_classification, 50) });
      break;
    case "dropped":
      kind = dropKind(e.reason);
      Object.assign(data, { dropped: true, reason: text(e.reason) });
      break;
    case "spamreport":
      kind = "complaint";
      break;
    case "unsubscribe":
    case "group_unsubscribe":
      kind = "unsubscribe";
      if (e.event === "group_unsubscribe") data.group = e.asm_group_id;
      break;
  }
  if (!kind) return { skip: "not_tracked" };
  const messageId = messageIdOf(e);
  if (messageId === null) return { skip: "not_ours" };
  const at = e.timestamp !== undefined && e.timestamp > 0 && e.timestamp < 1e11 ? new Date(e.timestamp * 1000) : undefined;
  for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
  return { event: { messageId, kind, data, at, orgId, providerEventId: e.sg_event_id, channel: "email" }, ...(clickUrl ? { clickUrl } : {}) };
}
