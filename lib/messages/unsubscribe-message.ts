import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import { AppError } from "@/lib/errors";
import { loadUnsubscribeTarget } from "@/lib/tracking/unsubscribe-target";
import { applyMessageEvents } from "./apply-events";

export const UNSUBSCRIBE_NOT_FOUND = "This unsubscribe link is not valid, or the message it was for no longer exists.";

export type UnsubscribeResult = { alreadyUnsubscribed: boolean; orgId: string; orgName: string; contactId: number | null };

/**
 * The recipient of a message asked to stop (the `/u/<token>` page, the RFC 8058 one-click POST a
 * mail client sends, a mailto reply). It goes through the one state machine (apply-events.ts):
 * the message event `unsubscribe`, the message `unsubscribed` unless it already ended otherwise,
 * the campaign's unsubscribe count (once per message), the address suppressed on the message's
 * channel (reason `unsubscribed`: it holds even if the contact is deleted or imported again), and
 * the contact `unsubscribed` with a line in its status history (a bounce or complaint stays: it
 * says more). List memberships are left as they are: the contact's status stops every campaign.
 *
 * Idempotent: while the person is still stopped, another call records nothing and answers
 * `alreadyUnsubscribed`. If someone has since put them back (an admin removed the suppression),
 * the link works again: it is still their wish. The message row is locked first, in a statement
 * of its own: a concurrent second call waits there, and its next statements (new snapshots, READ
 * COMMITTED) see everything the first one committed.
 */
export async function unsubscribeByMessage(messageId: number, source: string): Promise<UnsubscribeResult> {
  if (!Number.isSafeInteger(messageId) || messageId < 1) throw new AppError("NOT_FOUND", UNSUBSCRIBE_NOT_FOUND);
  return db.transaction(async (tx) => {
    await query(sql`SELECT 1 FROM messages WHERE id = ${messageId} FOR NO KEY UPDATE`, tx);
    const target = await loadUnsubscribeTarget(tx, messageId);
    if (!target) throw new AppError("NOT_FOUND", UNSUBSCRIBE_NOT_FOUND);
    const result = { orgId: target.orgId, orgName: target.orgName, contactId: target.contactId };
    if (target.stopped) return { alreadyUnsubscribed: true, ...result };
    await applyMessageEvents([{ messageId, kind: "unsubscribe", data: { source } }], tx);
    return { alreadyUnsubscribed: false, ...result };
  });
}
