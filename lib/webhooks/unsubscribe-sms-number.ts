import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import type { ContactStatus } from "@/db/schema";
import { recordContactEvent } from "@/lib/audience/consent/record-contact-event";
import { suppressAddresses } from "@/lib/audience/suppressions/suppress-addresses";
import { applyMessageEvents } from "@/lib/messages/apply-events";

/** The carrier-standard opt-out words (CTIA); the whole reply must be one of them. */
export const STOP_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"] as const;

/** The keyword a reply is, or null: "stop", " Stop " count; "stop it" or "please stop" do not. */
export function stopKeywordOf(body: string): string | null {
  const word = body.trim().toUpperCase();
  return (STOP_KEYWORDS as readonly string[]).includes(word) ? word : null;
}

export const SMS_STOP_SOURCE = "sms_stop";
// One opt-out event per message: a gateway delivering the same reply twice records it once.
const STOP_EVENT_ID = "sms_stop";
const MOVABLE: ContactStatus[] = ["subscribed", "pending"];

export type SmsStopResult = { contactId: number | null; messageId: number | null };

/**
 * Someone texted STOP (or another opt-out word) from `phone` (E.164) to one of the org's numbers.
 * Through the state machine when Herald wrote to them: the newest SMS sent to the number (found
 * via the org's contact with that phone) gets an `unsubscribe` event, which marks the message
 * unsubscribed, counts it on its campaign once, suppresses the number on the SMS channel
 * (reason `unsubscribed`, source `sms_stop`) and moves the contact to unsubscribed with a line in
 * its history. Without such a message (or when that message already carries a STOP), the contact
 * is moved here the same way. The number is suppressed in every case, so even a number Herald has
 * no contact for is never texted again. Idempotent; a bounce or complaint on the contact stays.
 */
export async function unsubscribeSmsNumber(orgId: string, phone: string, keyword: string): Promise<SmsStopResult> {
  return db.transaction(async (tx) => {
    const [contact] = await query<{ id: string | number }>(sql`SELECT id FROM contacts WHERE org_id = ${orgId} AND phone = ${phone}`, tx);
    const contactId = contact ? Number(contact.id) : null;
    let messageId: number | null = null;
    let viaMessage = false;
    if (contactId !== null) {
      // The message first, then the contact: the order apply-events locks them in.
      const [m] = await query<{ id: string | number }>(
        sql`SELECT id FROM messages
            WHERE contact_id = ${contactId} AND org_id = ${orgId} AND channel = 'sms' AND to_address = ${phone} AND sent_at IS NOT NULL
            ORDER BY sent_at DESC, id DESC
            LIMIT 1
            FOR NO KEY UPDATE`,
        tx,
      );
      messageId = m ? Number(m.id) : null;
      if (messageId !== null) {
        const [r] = await applyMessageEvents([{ messageId, orgId, kind: "unsubscribe", data: { source: SMS_STOP_SOURCE, keyword }, providerEventId: STOP_EVENT_ID }], tx);
        viaMessage = r.applied;
      }
      if (!viaMessage) {
        const [c] = await query<{ status: ContactStatus }>(sql`SELECT status FROM contacts WHERE id = ${contactId} AND org_id = ${orgId} FOR NO KEY UPDATE`, tx);
        if (c && MOVABLE.includes(c.status)) {
          await query(
            sql`UPDATE contacts SET status = 'unsubscribed', status_changed_at = now(), status_reason = ${SMS_STOP_SOURCE}, updated_at = now()
                WHERE id = ${contactId} AND org_id = ${orgId}`,
            tx,
          );
          await recordContactEvent(tx, orgId, contactId, "unsubscribed", c.status, "unsubscribed", SMS_STOP_SOURCE);
        }
      }
    }
    await suppressAddresses(tx, orgId, [{ channel: "sms", address: phone }], "unsubscribed", SMS_STOP_SOURCE);
    return { contactId, messageId };
  });
}
