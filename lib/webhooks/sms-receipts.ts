import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { orgs } from "@/db/schema";
import { normalizePhone } from "@/lib/audience/normalize";
import { AppError } from "@/lib/errors";
import { decodeId } from "@/lib/ids";
import { applyMessageEvents, type MessageEventInput } from "@/lib/messages/apply-events";
import { openJson } from "@/lib/secret-box";
import { loadWebhookConnection } from "./load-webhook-connection";
import { stopKeywordOf, unsubscribeSmsNumber } from "./unsubscribe-sms-number";
import { verifySmsSignature } from "./verify-sms-signature";

/**
 * What an HTTP SMS gateway posts back, one object or an array of them:
 * - a delivery receipt `{ reference, status, id?, error? }`: `reference` is the Herald message id
 *   the gateway was given when sending (`msg_...`), `status` delivered | failed | undelivered;
 * - an inbound reply `{ from, to, body }`: `from` is the person's number.
 */
const receiptSchema = z.object({
  reference: z.string().max(100),
  status: z.string().max(40),
  id: z.union([z.string().max(200), z.number()]).optional().catch(undefined),
  error: z.string().optional().catch(undefined),
});
const replySchema = z.object({ from: z.string().max(64), to: z.string().max(64).optional().catch(undefined), body: z.string().max(5000) });

export type SmsWebhookInput = { connectionId: string; rawBody: Buffer; signature: string | null; timestamp: string | null };

export type SmsWebhookOutcome = {
  /** Objects in the body. */
  items: number;
  /** Receipts recorded on their message. */
  receipts: number;
  /** Numbers unsubscribed by a STOP reply. */
  stops: number;
  /**
   * `unmatched`: a receipt for a message that does not exist or is another org's, or one already
   * recorded; `not_tracked`: a receipt status that is not final (queued, sent...); `reply`: a
   * reply that is not an opt-out (Herald does not keep SMS conversations); `invalid`: an item
   * that is neither shape, or a reply from something that is not a phone number.
   */
  skipped: { unmatched: number; not_tracked: number; reply: number; invalid: number };
};

/** Receipts that say the message did not arrive: `failed` for good, `undelivered` for now. */
const FAILED = new Set(["failed", "undelivered"]);
const E164 = /^\+[1-9]\d{6,14}$/;

/** A receipt -> the state machine's event, or null for a status that says nothing final. */
function receiptEvent(r: z.infer<typeof receiptSchema>, orgId: string): MessageEventInput | "unmatched" | "not_tracked" {
  const status = r.status.trim().toLowerCase();
  if (status !== "delivered" && !FAILED.has(status)) return "not_tracked";
  const messageId = decodeId("msg", r.reference.trim());
  if (messageId === null) return "unmatched";
  const receiptId = r.id === undefined ? undefined : String(r.id);
  const data: Record<string, unknown> = { source: "sms_receipt", status };
  if (receiptId) data.receiptId = receiptId;
  if (r.error) data.error = r.error.slice(0, 500);
  // The gateway's id may name the receipt or the message, so the status goes with it: a repeated
  // receipt is recorded once, and a message that is first delivered and then failed keeps both.
  const providerEventId = `${status}:${receiptId ?? ""}`;
  // `failed` is final (no such number, a landline): a bounce, which on SMS suppresses the number
  // and leaves the contact's status. `undelivered` is often passing (phone off, out of range):
  // a soft bounce on the timeline, the number stays reachable.
  const kind = status === "delivered" ? "delivered" : status === "failed" ? "bounce" : "soft_bounce";
  return { messageId, orgId, kind, data, providerEventId, channel: "sms" };
}

/**
 * `POST /api/webhooks/sms/<connection>`: delivery receipts and replies from an HTTP SMS gateway
 * connection. Authenticated by `X-Herald-Signature`, the hex HMAC-SHA256 of the raw body keyed with
 * the connection's token. Receipts go to the state machine in one call, scoped to the connection's
 * org; STOP replies unsubscribe the number (unsubscribe-sms-number.ts). Throws NOT_FOUND (unknown
 * connection), UNAUTHENTICATED (bad signature), BAD_REQUEST (not a JSON object or array).
 */
export async function handleSmsWebhook(input: SmsWebhookInput): Promise<SmsWebhookOutcome> {
  const connection = await loadWebhookConnection(input.connectionId, "http_sms");
  const token = connection.secretsEnc ? (openJson(connection.secretsEnc).token ?? "") : "";
  verifySmsSignature({ token, signature: input.signature, timestamp: input.timestamp, rawBody: input.rawBody });
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody.toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not JSON.");
  }
  if (body === null || typeof body !== "object") throw new AppError("BAD_REQUEST", "Send a JSON object, or an array of them.");
  const items: unknown[] = Array.isArray(body) ? body : [body];

  const orgId = connection.orgId;
  const outcome: SmsWebhookOutcome = { items: items.length, receipts: 0, stops: 0, skipped: { unmatched: 0, not_tracked: 0, reply: 0, invalid: 0 } };
  const events: MessageEventInput[] = [];
  const stops = new Map<string, string>();
  let defaultCountry: string | null | undefined;
  for (const item of items) {
    const receipt = receiptSchema.safeParse(item);
    if (receipt.success) {
      const e = receiptEvent(receipt.data, orgId);
      if (typeof e === "string") outcome.skipped[e]++;
      else events.push(e);
      continue;
    }
    const reply = replySchema.safeParse(item);
    if (!reply.success) {
      outcome.skipped.invalid++;
      continue;
    }
    const keyword = stopKeywordOf(reply.data.body);
    if (!keyword) {
      outcome.skipped.reply++;
      continue;
    }
    // Gateways report E.164; anything else is read the way the org's contacts were imported.
    let phone = reply.data.from.trim();
    if (!E164.test(phone)) {
      if (defaultCountry === undefined) defaultCountry = (await db.select({ c: orgs.defaultCountry }).from(orgs).where(eq(orgs.id, orgId)))[0]?.c ?? null;
      const normalized = normalizePhone(phone, defaultCountry);
      if (!normalized.ok) {
        outcome.skipped.invalid++;
        continue;
      }
      phone = normalized.e164;
    }
    stops.set(phone, keyword);
  }

  const results = await applyMessageEvents(events);
  outcome.receipts = results.filter((r) => r.applied).length;
  outcome.skipped.unmatched += events.length - outcome.receipts;
  for (const [phone, keyword] of stops) {
    await unsubscribeSmsNumber(orgId, phone, keyword);
    outcome.stops++;
  }
  return outcome;
}
